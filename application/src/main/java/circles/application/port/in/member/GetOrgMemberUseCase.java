package circles.application.port.in.member;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

public interface GetOrgMemberUseCase {
    OrgMember get(OrgId orgId, UserId userId);
}
