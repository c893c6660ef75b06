package circles.application.port.in.provisioning;

import circles.domain.org.OrgId;

import java.util.UUID;

/** Revokes a SCIM token: requests presenting it are refused from now on. Revoking twice changes nothing. */
public interface RevokeScimTokenUseCase {
    void revoke(OrgId orgId, UUID tokenId);
}
