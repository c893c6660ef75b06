package circles.application.port.in.provisioning;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;
import circles.domain.shared.Require;

import java.util.List;

/**
 * Creates a static group of the org from an identity provider's representation: a private group of type custom,
 * with the given members (each an org member) as plain members. A name the org uses already is a conflict.
 */
public interface ProvisionGroupUseCase {
    int MAX_MEMBERS = 10_000;

    ProvisionedGroup provision(Command command);

    record Command(OrgId orgId, String displayName, String externalId, List<UserId> members) {
        public Command {
            Require.present(orgId, "orgId");
            members = List.copyOf(Require.atMost(members == null ? List.of() : members, MAX_MEMBERS, "members"));
        }
    }
}
