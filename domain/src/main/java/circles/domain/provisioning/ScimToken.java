package circles.domain.provisioning;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;

import java.time.Instant;
import java.util.UUID;

/**
 * A bearer credential an identity provider uses to provision one org over SCIM. Only a hash of its secret is kept:
 * the secret itself is shown once, when the token is issued. A token works until it expires or is revoked.
 */
public final class ScimToken {
    public static final int NAME_MAX = 200;

    private final UUID id;
    private final OrgId orgId;
    private final String name;
    private final String secretHash;
    private final Instant createdAt;
    private final UserId createdBy;
    private final Instant expiresAt;
    private Instant lastUsedAt;
    private Instant revokedAt;

    private ScimToken(UUID id, OrgId orgId, String name, String secretHash, Instant createdAt, UserId createdBy,
                      Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        this.id = Require.present(id, "id");
        this.orgId = Require.present(orgId, "orgId");
        this.name = Require.text(name, "name", NAME_MAX);
        this.secretHash = Require.present(secretHash, "secretHash");
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
        this.lastUsedAt = lastUsedAt;
        this.revokedAt = revokedAt;
    }

    public static ScimToken issue(OrgId orgId, String name, String secretHash, UserId createdBy, Instant expiresAt,
                                  Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw RuleViolation.invalidField("expiresAt", "must be in the future");
        }
        return new ScimToken(UUID.randomUUID(), orgId, name, secretHash, now, createdBy, expiresAt, null, null);
    }

    /** Rebuilds a stored token; the values were valid when saved. */
    public static ScimToken restore(UUID id, OrgId orgId, String name, String secretHash, Instant createdAt,
                                    UserId createdBy, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        return new ScimToken(id, orgId, name, secretHash, createdAt, createdBy, expiresAt, lastUsedAt, revokedAt);
    }

    /** Whether a request presenting this token at {@code now} is let in. */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Revoking twice keeps the first revocation time. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public void used(Instant now) {
        lastUsedAt = now;
    }

    public UUID id() { return id; }
    public OrgId orgId() { return orgId; }
    public String name() { return name; }
    public String secretHash() { return secretHash; }
    public Instant createdAt() { return createdAt; }
    public UserId createdBy() { return createdBy; }
    public Instant expiresAt() { return expiresAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
    public Instant revokedAt() { return revokedAt; }
}
