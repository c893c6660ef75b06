package circles.application.port.in.provisioning;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedUser;
import circles.domain.shared.Require;

/**
 * Creates an org member from an identity provider's representation (the user becomes known to Circles if new).
 * A user who is a member already, or a userName another member has, is a conflict; but a member the provider deleted
 * and Circles kept (deactivated) comes back: the same member, active again and in the provider's view.
 */
public interface ProvisionUserUseCase {
    ProvisionedUser provision(Command command);

    record Command(OrgId orgId, UserId userId, ProvisionedUserData data) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(userId, "userId");
            Require.present(data, "data");
        }
    }
}
