package circles.application.port.out.apitoken;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.apitoken.ApiToken;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The API tokens of each org, kept by the hash of their secret. */
public interface ApiTokenRepository {
    /** Inserts a new token or updates a stored one (its revocation). */
    void save(ApiToken token);

    Optional<ApiToken> find(OrgId orgId, UUID tokenId);

    /**
     * The token whose secret has this hash, in whichever org: a cross-org lookup, because a request learns its
     * token's org only from the token.
     */
    Optional<ApiToken> findBySecretHash(String secretHash);

    /** Newest first. */
    Page<ApiToken> list(OrgId orgId, PageRequest page);

    void recordUse(OrgId orgId, UUID tokenId, Instant usedAt);
}
