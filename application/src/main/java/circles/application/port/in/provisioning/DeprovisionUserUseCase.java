package circles.application.port.in.provisioning;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

/**
 * An identity provider deletes a user: the member is deactivated (kept, with status deactivated) or removed from
 * the org and its groups, as the deployment chooses.
 */
public interface DeprovisionUserUseCase {
    enum Mode { DEACTIVATE, DELETE }

    void deprovision(OrgId orgId, UserId userId, Mode mode);
}
