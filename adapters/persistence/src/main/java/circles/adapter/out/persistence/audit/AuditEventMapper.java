package circles.adapter.out.persistence.audit;

import circles.adapter.out.persistence.sql.JsonColumns;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.org.OrgId;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

final class AuditEventMapper {
    private AuditEventMapper() {
    }

    static AuditEventJpaEntity newEntity(AuditEvent event) {
        AuditEventJpaEntity entity = new AuditEventJpaEntity();
        entity.id = event.id();
        entity.orgId = event.orgId() == null ? null : event.orgId().value();
        entity.actorId = event.actorId() == null ? null : event.actorId().value();
        entity.action = event.action();
        entity.targetType = event.targetType();
        entity.targetId = event.targetId();
        entity.occurredAt = micros(event.occurredAt());
        entity.summary = JsonColumns.write(event.summary());
        return entity;
    }

    static AuditEvent toDomain(AuditEventJpaEntity entity) {
        return new AuditEvent(entity.id, entity.orgId == null ? null : new OrgId(entity.orgId),
                entity.actorId == null ? null : new UserId(entity.actorId), entity.action, entity.targetType, entity.targetId, entity.occurredAt,
                JsonColumns.readObject(entity.summary));
    }
}
