package circles.application.port.in.apitoken;

import circles.domain.org.OrgId;

import java.util.UUID;

/** Revokes an API token: requests presenting it are refused from now on. Revoking twice changes nothing. */
public interface RevokeApiTokenUseCase {
    void revoke(OrgId orgId, UUID tokenId);
}
