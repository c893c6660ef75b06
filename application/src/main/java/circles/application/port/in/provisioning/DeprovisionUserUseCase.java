package circles.application.port.in.provisioning;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

/**
 * An identity provider deletes a user. For the provider the user is gone either way (every later operation on it is
 * not found, it is not listed, its userName is free); inside Circles the member is deactivated (kept, with status
 * deactivated, its memberships and history) or removed from the org and its groups, as the deployment chooses.
 */
public interface DeprovisionUserUseCase {
    enum Mode { DEACTIVATE, DELETE }

    void deprovision(OrgId orgId, UserId userId, Mode mode);
}
