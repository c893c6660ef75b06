package circles.adapter.out.persistence.activity;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.JsonColumns;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.activity.ActivityStore;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Activity in PostgreSQL, set-based: one statement per batch, whatever its size, takes the batch as arrays, leaves out
 * the events naming no member, inserts the new events ({@code on conflict do nothing} on the org's eventIds) and adds
 * exactly those to the daily rollups and to each member's latest activity (upserted counters, in key order so that
 * concurrent batches do not deadlock). A last statement, only for a batch with new logins, moves {@code lastLoginAt}
 * forward.
 *
 * <p>The statements that meet {@code org_members} look a member up by primary key, never join the org's members as a
 * set: right after a bulk import PostgreSQL has no statistics on them and takes the org for nearly empty, and a join
 * planned on that belief reads all the org's members once per event.
 */
@ApplicationScoped
public class ActivityStoreAdapter implements ActivityStore {
    /**
     * The whole write of a batch, one statement. The batch arrives as one array per column ({@code unnest}), with no
     * temporary table to create, fill and drop per call. Each event's member is looked up by primary key (a scalar
     * subquery per event, which never becomes a join); events naming no member come back by their index and are not
     * written. The new events (those whose eventId the org has not stored, {@code on conflict do nothing}) go in in
     * eventId order, and exactly those are added to the daily rollups and to each member's latest activity, upserted
     * in key order so that concurrent batches do not deadlock. Rows of the answer: an unknown event's index, or a
     * member of the new events with their count and latest new login.
     */
    private static final String BATCH_SQL = """
            with batch as materialized (
                select b.idx, b.event_id, b.user_id, b.type, b.occurred_at, b.quantity,
                       (select true from org_members m where m.org_id = ? and m.user_id = b.user_id) as known
                from unnest(?::int4[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int4[])
                    as b (idx, event_id, user_id, type, occurred_at, quantity)
            ), inserted as (
                insert into activity_events (org_id, event_id, user_id, type, occurred_at, quantity, received_at)
                select ?, event_id, user_id, type, occurred_at, quantity, ? from batch where known order by event_id
                on conflict (org_id, event_id) do nothing
                returning user_id, type, occurred_at, quantity
            ), daily as (
                insert into activity_daily (org_id, user_id, day, type, events, quantity, last_at)
                select ?, user_id, (occurred_at at time zone 'UTC')::date, type, count(*), sum(quantity),
                       max(occurred_at)
                from inserted group by 2, 3, 4 order by 2, 3, 4
                on conflict (org_id, user_id, day, type) do update
                    set events = activity_daily.events + excluded.events,
                        quantity = activity_daily.quantity + excluded.quantity,
                        last_at = greatest(activity_daily.last_at, excluded.last_at)
                returning 1
            ), latest as (
                insert into member_activity (org_id, user_id, last_active_at)
                select ?, user_id, max(occurred_at) from inserted group by user_id order by user_id
                on conflict (org_id, user_id) do update set last_active_at = excluded.last_active_at
                    where member_activity.last_active_at < excluded.last_active_at
                returning 1
            )
            select b.idx, null, null, null from batch b where b.known is null
            union all
            select null, user_id, count(*), max(occurred_at) filter (where type = 'login') from inserted
            group by user_id
            """;

    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final Clock clock;

    @Inject
    ActivityStoreAdapter(EntityManager em, TenantScopeAdapter scope, Clock clock) {
        this.em = em;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public Written write(OrgId orgId, List<Numbered> events) {
        scope.enter(orgId);
        if (events.isEmpty()) {
            return new Written(0, 0, List.of(), Set.of());
        }
        return JdbcWork.call(em, connection -> {
            int size = events.size();
            Integer[] indexes = new Integer[size];
            String[] eventIds = new String[size];
            String[] userIds = new String[size];
            String[] types = new String[size];
            String[] times = new String[size];
            Integer[] quantities = new Integer[size];
            for (int i = 0; i < size; i++) {
                Numbered numbered = events.get(i);
                var event = numbered.event();
                indexes[i] = numbered.index();
                eventIds[i] = event.eventId();
                userIds[i] = event.userId().value();
                types[i] = event.type().wireName();
                times[i] = event.occurredAt().toString();
                quantities[i] = event.quantity();
            }
            Instant now = clock.instant();
            List<Integer> unknown = new ArrayList<>();
            int accepted = 0;
            Set<UserId> touched = new HashSet<>();
            Map<String, String> logins = new TreeMap<>();
            for (Object[] row : JdbcWork.rows(connection, BATCH_SQL, orgId.value(),
                    connection.createArrayOf("int4", indexes), connection.createArrayOf("text", eventIds),
                    connection.createArrayOf("text", userIds), connection.createArrayOf("text", types),
                    connection.createArrayOf("text", times), connection.createArrayOf("int4", quantities),
                    orgId.value(), now, orgId.value(), orgId.value())) {
                if (row[0] != null) {
                    unknown.add(((Number) row[0]).intValue());
                    continue;
                }
                touched.add(new UserId((String) row[1]));
                accepted += ((Number) row[2]).intValue();
                if (row[3] != null) {
                    logins.put((String) row[1], JdbcWork.instant(row[3]).toString());
                }
            }
            unknown.sort(null);
            int candidates = size - unknown.size();
            if (!logins.isEmpty()) {
                moveLastLogins(connection, orgId, logins, now);
            }
            return new Written(accepted, candidates - accepted, unknown, touched);
        });
    }

    /**
     * Moves each member's {@code lastLoginAt} to their latest new login, never back. The members are selected by
     * primary key ({@code user_id = any(...)}) and each one's time is looked up in a JSON object: there is no join
     * whose order could make PostgreSQL read every member of the org once per login.
     *
     * <p>The JSON object is parsed once per statement, in a one-row CTE read through a scalar subquery (an init
     * plan). Cast in place ({@code cast(? as jsonb) ->> m.user_id}), the cast is folded into a constant only in a
     * custom plan; once the statement runs on the generic plan of the prepared statement (from its sixth use on a
     * connection) it parses the whole object again for every member, twice: with the 1,400 logins of a call of
     * 10,000 events that was more than a second per call, more than all the rest of the batch's writes.
     */
    private static void moveLastLogins(Connection connection, OrgId orgId, Map<String, String> latest, Instant now)
            throws SQLException {
        String at = "cast((select logins from latest) ->> m.user_id as timestamptz)";
        JdbcWork.update(connection, "with latest as materialized (select cast(? as jsonb) as logins)"
                        + " update org_members m set last_login_at = " + at + ", version = m.version + 1,"
                        + " updated_at = ? where m.org_id = ? and m.user_id = any(?)"
                        + " and (m.last_login_at is null or m.last_login_at < " + at + ")",
                JsonColumns.write(latest), now, orgId.value(),
                connection.createArrayOf("text", latest.keySet().toArray()));
    }

    @Override
    public long deleteEventsUpTo(Instant cutoff) {
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection ->
                (long) JdbcWork.update(connection, "delete from activity_events where occurred_at <= ?", cutoff)));
    }

    @Override
    public long deleteRollupsBefore(LocalDate day) {
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection ->
                (long) JdbcWork.update(connection, "delete from activity_daily where day < ?", day)));
    }
}
