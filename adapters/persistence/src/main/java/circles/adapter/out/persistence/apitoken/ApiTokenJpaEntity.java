package circles.adapter.out.persistence.apitoken;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "api_tokens")
public class ApiTokenJpaEntity {
    @Id
    public UUID id;
    @Column(name = "org_id")
    public UUID orgId;
    public String name;
    /** Space-separated, sorted. */
    public String scopes;
    @Column(name = "secret_hash")
    public String secretHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
