package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.event.PublicEventLogAdapter;
import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.GroupCommit;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.JsonColumns;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.StaleWrites;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.group.GroupCreations;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Group;
import circles.domain.org.OrgId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * New org groups in plain JDBC: per transaction one scope setting, one multi-row insert of group rows, one of audit
 * events and one of public events (in the order of the creates, so their feed positions follow it), then one
 * commit. Creates that come while a commit of their org is in flight are written together (see
 * {@link GroupCommit}), up to {@code circles.groups.create-batch.max-size} at a time and up to
 * {@code circles.groups.create-batch.in-flight} batches of an org at once; a create inside a transaction
 * of its caller (an idempotent create) joins it and is written alone.
 */
@ApplicationScoped
public class GroupCreationsAdapter implements GroupCreations {
    private static final String INSERT_GROUP = "insert into groups (id, org_id, name, slug, description, email, icon,"
            + " color, type, kind, parent_id, visibility, owner_id, reviewer_id, settings, metadata, status,"
            + " expires_at, preset, version, created_at, updated_at) values ";
    private static final String GROUP_ROW =
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_AUDIT = "insert into audit_events (id, org_id, actor_id, action, target_type,"
            + " target_id, occurred_at, summary) values ";
    private static final String AUDIT_ROW = "(?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))";
    private static final String INSERT_EVENT = "insert into public_events (id, aggregatetype, aggregateid, type,"
            + " payload, org_id, occurred_at) values ";
    private static final String EVENT_ROW = "(?, ?, ?, ?, cast(? as jsonb), ?, ?)";

    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final GroupCommit<OrgId, Creation> commits;
    private final boolean batching;

    @Inject
    GroupCreationsAdapter(EntityManager em, TenantScopeAdapter scope,
                          @ConfigProperty(name = "circles.groups.create-batch.max-size") int maxSize,
                          @ConfigProperty(name = "circles.groups.create-batch.max-wait") Duration maxWait,
                          @ConfigProperty(name = "circles.groups.create-batch.queue-capacity") int capacity,
                          @ConfigProperty(name = "circles.groups.create-batch.in-flight") int inFlight) {
        this.em = em;
        this.scope = scope;
        this.batching = maxSize > 1;
        this.commits = new GroupCommit<>(this::writeInNewTransaction, Math.max(1, maxSize), maxWait, capacity,
                inFlight);
    }

    @Override
    public Group asStored(Group group) {
        GroupJpaEntity entity = GroupMapper.newEntity(group);
        entity.version = StaleWrites.FIRST_VERSION;
        return GroupMapper.toDomain(entity);
    }

    @Override
    public void commit(Creation creation) {
        if (QuarkusTransaction.isActive()) {
            try {
                write(creation.group().orgIdOrNull(), List.of(creation));
            } catch (RuntimeException failure) {
                throw PersistenceFailures.translate(failure);
            }
            return;
        }
        if (!batching) {
            // Batching off: each create alone, in its own transaction.
            try {
                writeInNewTransaction(creation.group().orgIdOrNull(), List.of(creation));
            } catch (RuntimeException failure) {
                throw PersistenceFailures.translate(failure);
            }
            return;
        }
        commits.write(creation.group().orgIdOrNull(), creation);
    }

    private void writeInNewTransaction(OrgId org, List<Creation> creations) {
        QuarkusTransaction.requiringNew().run(() -> write(org, creations));
    }

    /** The rows of {@code creations}, all of {@code org}, in the current transaction. */
    private void write(OrgId org, List<Creation> creations) {
        scope.enter(org);
        // Rows the session still holds go first (a joined transaction), so the event never precedes what it reports.
        em.flush();
        JdbcWork.call(em, connection -> {
            insertGroups(connection, creations);
            insertAudit(connection, creations);
            insertEvents(connection, creations);
            return null;
        });
    }

    private static void insertGroups(Connection connection, List<Creation> creations) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(rows(INSERT_GROUP, GROUP_ROW, creations.size()))) {
            int i = 0;
            for (Creation creation : creations) {
                GroupJpaEntity row = GroupMapper.newEntity(creation.group());
                insert.setObject(++i, row.id);
                insert.setObject(++i, row.orgId);
                insert.setString(++i, row.name);
                insert.setString(++i, row.slug);
                insert.setString(++i, row.description);
                insert.setString(++i, row.email);
                insert.setString(++i, row.icon);
                insert.setString(++i, row.color);
                insert.setString(++i, row.type);
                insert.setString(++i, row.kind);
                insert.setObject(++i, row.parentId, Types.OTHER);
                insert.setString(++i, row.visibility);
                insert.setString(++i, row.ownerId);
                insert.setString(++i, row.reviewerId);
                insert.setString(++i, row.settings);
                insert.setString(++i, row.metadata);
                insert.setString(++i, row.status);
                setTime(insert, ++i, row.expiresAt);
                insert.setString(++i, row.preset);
                insert.setLong(++i, StaleWrites.FIRST_VERSION);
                setTime(insert, ++i, row.createdAt);
                setTime(insert, ++i, row.updatedAt);
            }
            insert.executeUpdate();
        }
    }

    private static void insertAudit(Connection connection, List<Creation> creations) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(rows(INSERT_AUDIT, AUDIT_ROW, creations.size()))) {
            int i = 0;
            for (Creation creation : creations) {
                AuditEvent event = creation.audit();
                insert.setObject(++i, event.id());
                insert.setObject(++i, event.orgId() == null ? null : event.orgId().value(), Types.OTHER);
                insert.setString(++i, event.actorId() == null ? null : event.actorId().value());
                insert.setString(++i, event.action());
                insert.setString(++i, event.targetType());
                insert.setString(++i, event.targetId());
                setTime(insert, ++i, ColumnValues.micros(event.occurredAt()));
                insert.setString(++i, JsonColumns.write(event.summary()));
            }
            insert.executeUpdate();
        }
    }

    private static void insertEvents(Connection connection, List<Creation> creations) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(rows(INSERT_EVENT, EVENT_ROW, creations.size()))) {
            int i = 0;
            for (Creation creation : creations) {
                PublicEventLog.PublicEvent event = creation.event();
                insert.setObject(++i, event.id());
                insert.setString(++i, event.type().aggregate().wireName());
                insert.setString(++i, event.subject());
                insert.setString(++i, event.type().wireName());
                insert.setString(++i, PublicEventLogAdapter.cloudEvent(event));
                insert.setObject(++i, event.orgId().value());
                setTime(insert, ++i, ColumnValues.micros(event.time()));
            }
            insert.executeUpdate();
        }
    }

    /**
     * One insert of {@code count} rows: one statement per table and batch, so the statement-level triggers of groups
     * (the search grams) run once per batch and PostgreSQL plans and executes one statement instead of one per row.
     * The rows keep the order of the creates (public events take their feed positions in that order).
     */
    static String rows(String insert, String row, int count) {
        StringBuilder sql = new StringBuilder(insert.length() + (row.length() + 2) * count).append(insert);
        for (int n = 0; n < count; n++) {
            sql.append(n == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    private static void setTime(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, at.atOffset(ZoneOffset.UTC));
        }
    }
}
