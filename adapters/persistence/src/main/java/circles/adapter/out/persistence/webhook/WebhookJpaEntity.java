package circles.adapter.out.persistence.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "webhooks")
public class WebhookJpaEntity {
    @Id
    public UUID id;
    @Column(name = "org_id")
    public UUID orgId;
    public String url;
    public String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", columnDefinition = "text[]")
    public String[] eventTypes;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "group_ids", columnDefinition = "uuid[]")
    public UUID[] groupIds;
    public boolean enabled;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    @Column(name = "secret_sealed")
    public String secretSealed;
    @Column(name = "previous_secret_sealed")
    public String previousSecretSealed;
    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "failing_since")
    public Instant failingSince;
}
