package circles.application.port.in.provisioning;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedUser;

public interface GetProvisionedUserUseCase {
    ProvisionedUser get(OrgId orgId, UserId userId);
}
