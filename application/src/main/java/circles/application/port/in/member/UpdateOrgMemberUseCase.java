package circles.application.port.in.member;

import circles.domain.actor.UserId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.ProfilePatch;
import circles.domain.shared.Require;

/**
 * Changes a member's org role, status and profile (a merge patch). Null role or status stay as they are.
 * Org admins and it_admins change anyone; a member may change their own display name and nothing else.
 */
public interface UpdateOrgMemberUseCase {
    OrgMember update(Command command);

    record Command(OrgId orgId, UserId userId, Long expectedVersion, OrgRole role, MemberStatus status,
                   ProfilePatch profile) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(userId, "userId");
            profile = profile == null ? ProfilePatch.NONE : profile;
        }

        /** A change of role or status only. */
        public Command(OrgId orgId, UserId userId, Long expectedVersion, OrgRole role, MemberStatus status) {
            this(orgId, userId, expectedVersion, role, status, ProfilePatch.NONE);
        }
    }
}
