package circles.application.port.in.member;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

/** Removes someone from an org and from every group of that org. */
public interface RemoveOrgMemberUseCase {
    void remove(OrgId orgId, UserId userId);
}
