package circles.adapter.out.persistence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "audit_events")
public class AuditEventJpaEntity {
    @Id
    public UUID id;
    @Column(name = "org_id")
    public UUID orgId;
    @Column(name = "actor_id")
    public String actorId;
    public String action;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public String targetId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String summary;
}
