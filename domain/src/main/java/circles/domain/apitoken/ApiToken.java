package circles.domain.apitoken;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A bearer credential with which a program reads one org's data within its scopes (e.g. the change feed), acting
 * with the org rights its issuer holds at the time of each call. Only a hash of its secret is kept: the secret
 * itself is shown once, when the token is issued. Every token expires, at most {@link #MAX_LIFETIME} after it was
 * issued, so that a forgotten one does not work for ever; it may be revoked earlier.
 */
public final class ApiToken {
    public static final int NAME_MAX = 200;
    /** The longest a token may live. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);
    /** How long a token lives when its issuer names no expiry. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    private final UUID id;
    private final OrgId orgId;
    private final String name;
    private final Set<ApiTokenScope> scopes;
    private final String secretHash;
    private final Instant createdAt;
    private final UserId createdBy;
    private final Instant expiresAt;
    private Instant lastUsedAt;
    private Instant revokedAt;

    private ApiToken(UUID id, OrgId orgId, String name, Set<ApiTokenScope> scopes, String secretHash,
                     Instant createdAt, UserId createdBy, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        this.id = Require.present(id, "id");
        this.orgId = Require.present(orgId, "orgId");
        this.name = Require.text(name, "name", NAME_MAX);
        this.scopes = Set.copyOf(Require.present(scopes, "scopes"));
        this.secretHash = Require.present(secretHash, "secretHash");
        this.createdAt = Require.present(createdAt, "createdAt");
        this.createdBy = Require.present(createdBy, "createdBy");
        this.expiresAt = Require.present(expiresAt, "expiresAt");
        this.lastUsedAt = lastUsedAt;
        this.revokedAt = revokedAt;
    }

    /**
     * A new token of {@code orgId} issued by {@code createdBy} at {@code now}. At least one scope; {@code expiresAt}
     * in the future and at most {@link #MAX_LIFETIME} away, or null for {@link #DEFAULT_LIFETIME}.
     */
    public static ApiToken issue(OrgId orgId, String name, Set<ApiTokenScope> scopes, String secretHash,
                                 UserId createdBy, Instant expiresAt, Instant now) {
        if (scopes == null || scopes.isEmpty()) {
            throw RuleViolation.invalidField("scopes", "must name at least one scope");
        }
        Instant expiry = expiresAt == null ? now.plus(DEFAULT_LIFETIME) : expiresAt;
        if (!expiry.isAfter(now)) {
            throw RuleViolation.invalidField("expiresAt", "must be in the future");
        }
        if (expiry.isAfter(now.plus(MAX_LIFETIME))) {
            throw RuleViolation.invalidField("expiresAt", "must be at most " + MAX_LIFETIME.toDays()
                    + " days away");
        }
        return new ApiToken(UUID.randomUUID(), orgId, name, EnumSet.copyOf(scopes), secretHash, now, createdBy,
                expiry, null, null);
    }

    /** Rebuilds a stored token; the values were valid when saved. */
    public static ApiToken restore(UUID id, OrgId orgId, String name, Set<ApiTokenScope> scopes, String secretHash,
                                   Instant createdAt, UserId createdBy, Instant expiresAt, Instant lastUsedAt,
                                   Instant revokedAt) {
        return new ApiToken(id, orgId, name, scopes, secretHash, createdAt, createdBy, expiresAt, lastUsedAt,
                revokedAt);
    }

    /** Whether a request presenting this token at {@code now} is let in (its issuer's rights are checked apart). */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Revoking twice keeps the first revocation time. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    /**
     * Whether a use at {@code now} is worth writing down: the last use is kept to the minute, so that a busy client
     * does not turn every request into a write on the same row.
     */
    public boolean lastUseIsStaleAt(Instant now) {
        return lastUsedAt == null || !lastUsedAt.plus(Duration.ofMinutes(1)).isAfter(now);
    }

    public UUID id() { return id; }
    public OrgId orgId() { return orgId; }
    public String name() { return name; }
    public Set<ApiTokenScope> scopes() { return scopes; }
    public String secretHash() { return secretHash; }
    public Instant createdAt() { return createdAt; }
    public UserId createdBy() { return createdBy; }
    public Instant expiresAt() { return expiresAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
    public Instant revokedAt() { return revokedAt; }
}
