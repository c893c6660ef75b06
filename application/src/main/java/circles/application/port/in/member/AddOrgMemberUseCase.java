package circles.application.port.in.member;

import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.Require;

/** Adds a user to an org with a role and a profile; a manager named in the profile must be a member already. */
public interface AddOrgMemberUseCase {
    OrgMember add(Command command);

    record Command(OrgId orgId, UserId userId, OrgRole role, MemberProfile profile) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(userId, "userId");
            role = role == null ? OrgRole.MEMBER : role;
            profile = profile == null ? MemberProfile.EMPTY : profile;
        }

        /** A member known by email and display name only. */
        public Command(OrgId orgId, UserId userId, OrgRole role, String email, String displayName) {
            this(orgId, userId, role, MemberProfile.named(email, displayName));
        }
    }
}
