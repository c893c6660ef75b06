package circles.adapter.out.persistence.audit;

import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.audit.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The audit trail, written in the transaction of the change it records; newest first when read. */
@ApplicationScoped
public class AuditLogAdapter implements AuditLog {
    private static final String LIST = "audit-events";

    private final AuditEventPanacheRepository rows;
    private final TenantScopeAdapter scope;

    @Inject
    AuditLogAdapter(AuditEventPanacheRepository rows, TenantScopeAdapter scope) {
        this.rows = rows;
        this.scope = scope;
    }

    @Override
    public void record(AuditEvent event) {
        scope.enter(event.orgId());
        try {
            rows.persist(AuditEventMapper.newEntity(event));
            rows.flush();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public Page<AuditEvent> list(Query query, PageRequest page) {
        scope.enter(query.orgId());
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), LIST);
        SqlQuery sql = query.orgId() == null
                ? new SqlQuery("select e.* from audit_events e where e.org_id is null")
                : new SqlQuery("select e.* from audit_events e where e.org_id = :org").bind("org", query.orgId().value());
        if (query.targetId() != null) {
            sql.append(" and e.target_id = :target", "target", query.targetId());
        }
        if (query.actorId() != null) {
            sql.append(" and e.actor_id = :actor", "actor", query.actorId());
        }
        if (query.action() != null) {
            sql.append(" and e.action = :action", "action", query.action());
        }
        if (query.from() != null) {
            sql.append(" and e.occurred_at >= :from", "from", query.from());
        }
        if (query.to() != null) {
            sql.append(" and e.occurred_at < :to", "to", query.to());
        }
        if (cursor != null) {
            Keyset.after(sql, "e.occurred_at", "e.id", true,
                    Instant.EPOCH.plus(cursor.sortKeyAsLong(), ChronoUnit.MICROS), cursor.uuid(), null);
        }
        sql.append(" order by e.occurred_at desc, e.id desc limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<AuditEventJpaEntity> found = sql.entities(rows.getEntityManager(), AuditEventJpaEntity.class)
                .getResultList();
        return Pages.of(found, page, AuditEventMapper::toDomain, row -> KeysetCursor.encode(LIST,
                String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, row.occurredAt)), row.id.toString()));
    }
}
