package circles.application.port.in.provisioning;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedUser;
import circles.domain.shared.Require;

/** Replaces what an identity provider manages of a member with a full new representation (SCIM PUT and PATCH). */
public interface ReplaceProvisionedUserUseCase {
    ProvisionedUser replace(Command command);

    /** {@code expectedVersion}: the member's version the representation was based on, or null to skip the check. */
    record Command(OrgId orgId, UserId userId, Long expectedVersion, ProvisionedUserData data) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(userId, "userId");
            Require.present(data, "data");
        }
    }
}
