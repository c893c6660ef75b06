package circles.application.port.in;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.Require;

public interface AddOrgMemberUseCase {
    OrgMember add(Command command);

    record Command(OrgId orgId, UserId userId, OrgRole role, String email, String displayName) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(userId, "userId");
            role = role == null ? OrgRole.MEMBER : role;
        }
    }
}
