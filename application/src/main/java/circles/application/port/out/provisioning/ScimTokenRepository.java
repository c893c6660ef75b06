package circles.application.port.out.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ScimToken;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The SCIM tokens of each org, kept by the hash of their secret. */
public interface ScimTokenRepository {
    /** Inserts a new token or updates a stored one (its revocation). */
    void save(ScimToken token);

    Optional<ScimToken> find(OrgId orgId, UUID tokenId);

    /**
     * The token whose secret has this hash, in whichever org: a cross-org lookup, because a SCIM request names
     * its org only through its token.
     */
    Optional<ScimToken> findBySecretHash(String secretHash);

    /** Newest first. */
    Page<ScimToken> list(OrgId orgId, PageRequest page);

    void recordUse(OrgId orgId, UUID tokenId, Instant usedAt);
}
