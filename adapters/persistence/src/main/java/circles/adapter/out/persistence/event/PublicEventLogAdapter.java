package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.event.PublicEventType;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The public event log in {@code public_events}: each event a CloudEvents 1.0 JSON document in {@code payload},
 * with the columns Debezium's outbox event router reads ({@code id}, {@code aggregatetype}, {@code aggregateid},
 * {@code type}) and the feed position ({@code tx}: the writing transaction's id, {@code seq}).
 * <p>
 * The feed reads only rows whose transaction id lies below the xmin of the current snapshot: every transaction that
 * could still add a row at a lower position has ended, so the rows the feed returns never gain a neighbour behind
 * them. A page that reaches the end of what is visible continues from just below that xmin.
 */
@ApplicationScoped
public class PublicEventLogAdapter implements PublicEventLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEED_LIST = "change-feed";
    private static final String SPEC_VERSION = "1.0";
    private static final String CONTENT_TYPE = "application/json";

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    PublicEventLogAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public void append(PublicEvent event) {
        scope.enter(event.orgId());
        translated(() -> {
            // Rows the session still holds go first, so the event never precedes what it reports.
            em.flush();
            return em.createNativeQuery("insert into public_events (id, aggregatetype, aggregateid, type, payload,"
                            + " org_id, occurred_at) values (:id, :aggregate, :subject, :type, cast(:payload as jsonb),"
                            + " :org, :at)")
                    .setParameter("id", event.id())
                    .setParameter("aggregate", event.type().aggregate().wireName())
                    .setParameter("subject", event.subject())
                    .setParameter("type", event.type().wireName())
                    .setParameter("payload", cloudEvent(event))
                    .setParameter("org", event.orgId().value())
                    .setParameter("at", ColumnValues.micros(event.time()))
                    .executeUpdate();
        });
    }

    @Override
    public void appendEvaluation(Evaluation evaluation, int limit) {
        if (evaluation.changes() == 0) {
            return;
        }
        if (evaluation.changes() > limit) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("orgId", evaluation.orgId().toString());
            data.put("groupId", evaluation.groupId().toString());
            data.put("evaluationId", evaluation.evaluationId().toString());
            data.put("cause", ColumnValues.lower(evaluation.cause()));
            data.put("added", evaluation.added().size());
            data.put("removed", evaluation.removed().size());
            append(new PublicEvent(UUID.randomUUID(), evaluation.orgId(), PublicEventType.GROUP_MEMBERS_BULK_CHANGED,
                    evaluation.groupId().toString(), evaluation.at(), data));
            return;
        }
        scope.enter(evaluation.orgId());
        List<String> users = new ArrayList<>(evaluation.changes());
        List<String> vias = new ArrayList<>(evaluation.changes());
        List<String> types = new ArrayList<>(evaluation.changes());
        evaluation.added().forEach((user, via) -> {
            users.add(user.value());
            vias.add(via == DynamicMembersStore.Via.INCLUDE ? "override" : "dynamic");
            types.add(PublicEventType.GROUP_MEMBER_ADDED.wireName());
        });
        for (UserId user : evaluation.removed()) {
            users.add(user.value());
            vias.add("dynamic");
            types.add(PublicEventType.GROUP_MEMBER_REMOVED.wireName());
        }
        Instant at = ColumnValues.micros(evaluation.at());
        String group = evaluation.groupId().toString();
        String org = evaluation.orgId().toString();
        // One statement for every member: the payloads are built by the database from the arrays, each row with an
        // id of its own (drawn in the subquery, once per row).
        String sql = "insert into public_events (id, aggregatetype, aggregateid, type, payload, org_id, occurred_at)"
                + " select c.id, 'group', ?, c.type, jsonb_build_object('specversion', ?, 'id', c.id::text,"
                + " 'source', ?, 'type', c.type, 'subject', ?, 'time', ?, 'datacontenttype', ?,"
                + " 'data', jsonb_build_object('orgId', ?, 'groupId', ?, 'userId', c.user_id, 'kind', 'dynamic',"
                + " 'role', 'member', 'status', 'active', 'via', c.via, 'viaKind', c.via, 'viaGroupId', null::text,"
                + " 'cause', ?, 'evaluationId', ?)), ?::uuid, ?"
                + " from (select gen_random_uuid() as id, u.* from unnest(?::text[], ?::text[], ?::text[])"
                + " with ordinality as u(user_id, via, type, n)) c order by c.n";
        translated(() -> {
            em.flush();
            return JdbcWork.call(em, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    int i = 0;
                    insert.setString(++i, group);
                    insert.setString(++i, SPEC_VERSION);
                    insert.setString(++i, "/orgs/" + org);
                    insert.setString(++i, group);
                    insert.setString(++i, time(at));
                    insert.setString(++i, CONTENT_TYPE);
                    insert.setString(++i, org);
                    insert.setString(++i, group);
                    insert.setString(++i, ColumnValues.lower(evaluation.cause()));
                    insert.setString(++i, evaluation.evaluationId().toString());
                    insert.setString(++i, org);
                    insert.setObject(++i, at.atOffset(java.time.ZoneOffset.UTC));
                    insert.setArray(++i, connection.createArrayOf("text", users.toArray()));
                    insert.setArray(++i, connection.createArrayOf("text", vias.toArray()));
                    insert.setArray(++i, connection.createArrayOf("text", types.toArray()));
                    return insert.executeUpdate();
                }
            });
        });
    }

    @Override
    public Feed read(OrgId orgId, FeedPosition after, Set<PublicEventType> types, int limit) {
        scope.enter(orgId);
        return translated(() -> JdbcWork.call(em, connection -> {
            Visible visible = visible(connection);
            StringBuilder sql = new StringBuilder("select tx::text, seq, occurred_at, payload::text from public_events"
                    + " where org_id = ? and tx < ?::xid8");
            List<Object> parameters = new ArrayList<>(List.of(orgId.value(), Long.toUnsignedString(visible.xmin())));
            if (after != null) {
                sql.append(" and (tx, seq) > (?::xid8, ?)");
                parameters.add(Long.toUnsignedString(after.tx()));
                parameters.add(after.seq());
            }
            if (!types.isEmpty()) {
                sql.append(" and type = any(?)");
                parameters.add(connection.createArrayOf("text",
                        types.stream().map(PublicEventType::wireName).toArray()));
            }
            sql.append(" order by tx, seq limit ?");
            parameters.add(limit + 1);
            List<FeedEvent> events = new ArrayList<>();
            boolean more = false;
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                JdbcWork.bind(select, parameters.toArray());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (events.size() == limit) {
                            more = true;
                            break;
                        }
                        FeedPosition position = new FeedPosition(Long.parseUnsignedLong(rows.getString(1)),
                                rows.getLong(2), JdbcWork.instant(rows.getObject(3)));
                        events.add(new FeedEvent(position, decode(orgId, rows.getString(4))));
                    }
                }
            }
            FeedPosition next;
            if (more) {
                next = events.getLast().position();
            } else {
                // Everything visible was read: continue from just below the first transaction that may still write.
                next = visible.position();
                if (after != null && after.compareTo(next) > 0) {
                    next = after;
                }
            }
            return new Feed(events, next, more);
        }));
    }

    @Override
    public FeedPosition now(OrgId orgId) {
        scope.enter(orgId);
        return translated(() -> JdbcWork.call(em, connection -> visible(connection).position()));
    }

    @Override
    public int purgeOlderThan(Instant cutoff, int limit) {
        return translated(() -> scope.acrossOrgs(() ->
                em.createNativeQuery("delete from public_events where id in (select id from public_events"
                                + " where occurred_at < :cutoff limit :limit)")
                        .setParameter("cutoff", cutoff)
                        .setParameter("limit", limit)
                        .executeUpdate()));
    }

    /** The cursor of a feed position, signed (the list cursors' keys) and bound to the org. */
    @Override
    public String cursor(OrgId orgId, FeedPosition position) {
        return KeysetCursor.encode(binding(orgId), Long.toString(position.at().toEpochMilli()),
                Long.toUnsignedString(position.tx()) + ":" + position.seq());
    }

    /** The feed position of a cursor issued for this org; {@code invalid-cursor} for any other text. */
    @Override
    public FeedPosition position(OrgId orgId, String cursor) {
        KeysetCursor decoded = KeysetCursor.decode(cursor, binding(orgId));
        try {
            String[] parts = decoded.id().split(":", -1);
            if (parts.length != 2 || decoded.sortKey() == null) {
                throw KeysetCursor.invalid();
            }
            return new FeedPosition(Long.parseUnsignedLong(parts[0]), Long.parseLong(parts[1]),
                    Instant.ofEpochMilli(Long.parseLong(decoded.sortKey())));
        } catch (NumberFormatException notOurs) {
            throw KeysetCursor.invalid();
        }
    }

    private static String binding(OrgId orgId) {
        return FEED_LIST + "\u0000" + orgId;
    }

    /** The xmin of the current snapshot and the database's time: what the feed may show now. */
    private record Visible(long xmin, Instant at) {
        FeedPosition position() {
            return new FeedPosition(xmin - 1, Long.MAX_VALUE, at);
        }
    }

    private static Visible visible(Connection connection) throws SQLException {
        List<Object[]> rows = JdbcWork.rows(connection,
                "select pg_snapshot_xmin(pg_current_snapshot())::text, clock_timestamp()");
        Object[] row = rows.getFirst();
        return new Visible(Long.parseUnsignedLong((String) row[0]), JdbcWork.instant(row[1]));
    }

    public static String cloudEvent(PublicEvent event) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("specversion", SPEC_VERSION);
        document.put("id", event.id().toString());
        document.put("source", event.source());
        document.put("type", event.type().wireName());
        document.put("subject", event.subject());
        document.put("time", time(ColumnValues.micros(event.time())));
        document.put("datacontenttype", CONTENT_TYPE);
        document.put("data", event.data());
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event's data cannot be written as JSON", e);
        }
    }

    private static PublicEvent decode(OrgId orgId, String payload) {
        try {
            Map<String, Object> document = JSON.readValue(payload, new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) document.get("data");
            PublicEventType type = PublicEventType.ofWireName((String) document.get("type")).orElseThrow();
            return new PublicEvent(UUID.fromString((String) document.get("id")), orgId, type,
                    (String) document.get("subject"), Instant.parse((String) document.get("time")), data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored public event is not JSON", e);
        }
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MICROS));
    }

    private static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }
}
