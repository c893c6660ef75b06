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
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
 * Activity in PostgreSQL, set-based: a batch is copied ({@code COPY}) into a temporary table that lives until the
 * transaction ends; events naming no member are found with one query, and one statement then inserts the new
 * events ({@code on conflict do nothing} on the org's eventIds) and adds exactly those to the daily rollups and to
 * each member's latest activity (upserted counters, in key order so that concurrent batches do not deadlock). A last
 * statement, only for a batch with new logins, moves {@code lastLoginAt} forward.
 *
 * <p>The statements that meet {@code org_members} look a member up by primary key, never join the org's members as a
 * set: right after a bulk import PostgreSQL has no statistics on them and takes the org for nearly empty, and a join
 * planned on that belief reads all the org's members once per event.
 */
@ApplicationScoped
public class ActivityStoreAdapter implements ActivityStore {
    private static final String TABLE = "activity_batch";

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
            JdbcWork.update(connection, "create temporary table if not exists " + TABLE + " (idx integer not null,"
                    + " event_id text not null, user_id text not null, type text not null,"
                    + " occurred_at timestamptz not null, quantity integer not null) on commit drop");
            JdbcWork.update(connection, "truncate " + TABLE);
            copy(connection, events);
            // No statistics gathered on the batch: no statement below joins it, so none has a plan to choose.
            List<Integer> unknown = new ArrayList<>();
            // A scalar subquery per event (unlike not exists, it never becomes a join): one primary-key probe each.
            for (Object[] row : JdbcWork.rows(connection, "delete from " + TABLE + " b where (select true"
                    + " from org_members m where m.org_id = ? and m.user_id = b.user_id) is null returning b.idx",
                    orgId.value())) {
                unknown.add(((Number) row[0]).intValue());
            }
            unknown.sort(null);
            int candidates = events.size() - unknown.size();
            Instant now = clock.instant();
            int accepted = 0;
            Set<UserId> touched = new HashSet<>();
            Map<String, String> logins = new TreeMap<>();
            for (Object[] row : JdbcWork.rows(connection, """
                    with inserted as (
                        insert into activity_events (org_id, event_id, user_id, type, occurred_at, quantity, received_at)
                        select ?, event_id, user_id, type, occurred_at, quantity, ? from activity_batch order by event_id
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
                        on conflict (org_id, user_id) do update
                            set last_active_at = greatest(member_activity.last_active_at, excluded.last_active_at)
                        returning 1
                    )
                    select user_id, count(*), max(occurred_at) filter (where type = 'login') from inserted
                    group by user_id
                    """, orgId.value(), now, orgId.value(), orgId.value())) {
                touched.add(new UserId((String) row[0]));
                accepted += ((Number) row[1]).intValue();
                if (row[2] != null) {
                    logins.put((String) row[0], JdbcWork.instant(row[2]).toString());
                }
            }
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
     */
    private static void moveLastLogins(Connection connection, OrgId orgId, Map<String, String> latest, Instant now)
            throws SQLException {
        String json = JsonColumns.write(latest);
        String at = "cast(cast(? as jsonb) ->> m.user_id as timestamptz)";
        JdbcWork.update(connection, "update org_members m set last_login_at = " + at + ", version = m.version + 1,"
                        + " updated_at = ? where m.org_id = ? and m.user_id = any(?)"
                        + " and (m.last_login_at is null or m.last_login_at < " + at + ")",
                json, now, orgId.value(), connection.createArrayOf("text", latest.keySet().toArray()), json);
    }

    private void copy(Connection connection, List<Numbered> events) throws SQLException {
        StringBuilder csv = new StringBuilder(events.size() * 96);
        for (Numbered numbered : events) {
            var event = numbered.event();
            csv.append(numbered.index()).append(',');
            quote(csv, event.eventId()).append(',');
            quote(csv, event.userId().value()).append(',');
            csv.append(event.type().wireName()).append(',').append(event.occurredAt()).append(',')
                    .append(event.quantity()).append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + TABLE
                    + " (idx, event_id, user_id, type, occurred_at, quantity) from stdin with (format csv)",
                    new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StringBuilder quote(StringBuilder csv, String value) {
        return csv.append('"').append(value.replace("\"", "\"\"")).append('"');
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
