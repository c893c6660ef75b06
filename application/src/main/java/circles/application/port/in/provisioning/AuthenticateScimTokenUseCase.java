package circles.application.port.in.provisioning;

import circles.domain.org.OrgId;

import java.util.Optional;

/**
 * Checks the secret a SCIM request presents. When it belongs to a usable token, the provisioning actor of the
 * token's org becomes the caller for the rest of the request (an admin of that org and of no other), the token's
 * last use is recorded, and the org is returned; otherwise nothing is.
 */
public interface AuthenticateScimTokenUseCase {
    Optional<OrgId> authenticate(String secret);
}
