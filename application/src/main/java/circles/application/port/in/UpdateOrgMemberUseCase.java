package circles.application.port.in;

import circles.domain.actor.UserId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;

/** Changes a member's org role or status. Null fields stay as they are. */
public interface UpdateOrgMemberUseCase {
    OrgMember update(Command command);

    record Command(OrgId orgId, UserId userId, Long expectedVersion, OrgRole role, MemberStatus status) {
    }
}
