package circles.adapter.out.persistence;

import circles.application.port.out.ActivityStore;
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
import java.util.Set;

/**
 * Activity in PostgreSQL, set-based: a batch is copied ({@code COPY}) into a temporary table that lives until the
 * transaction ends; events naming no member are found with one query, and one statement then inserts the new
 * events ({@code on conflict do nothing} on the org's eventIds), adds exactly those to the daily rollups and to each
 * member's latest activity (upserted counters, in key order so that concurrent batches do not deadlock) and moves
 * {@code lastLoginAt} forward for new logins.
 */
@ApplicationScoped
public class PostgresActivityStore implements ActivityStore {
    private static final String TABLE = "activity_batch";

    private final EntityManager em;
    private final PostgresTenantScope scope;
    private final Clock clock;

    @Inject
    PostgresActivityStore(EntityManager em, PostgresTenantScope scope, Clock clock) {
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
            JdbcWork.update(connection, "analyze " + TABLE);
            List<Integer> unknown = new ArrayList<>();
            for (Object[] row : JdbcWork.rows(connection, "delete from " + TABLE + " b where not exists (select 1"
                    + " from org_members m where m.org_id = ? and m.user_id = b.user_id) returning b.idx",
                    orgId.value())) {
                unknown.add(((Number) row[0]).intValue());
            }
            unknown.sort(null);
            int candidates = events.size() - unknown.size();
            Instant now = clock.instant();
            int accepted = 0;
            Set<UserId> touched = new HashSet<>();
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
                    ), logins as (
                        update org_members m set last_login_at = l.at, version = m.version + 1, updated_at = ?
                        from (select user_id, max(occurred_at) as at from inserted where type = 'login'
                              group by user_id) l
                        where m.org_id = ? and m.user_id = l.user_id
                          and (m.last_login_at is null or m.last_login_at < l.at)
                        returning 1
                    )
                    select user_id, count(*) from inserted group by user_id
                    """, orgId.value(), now, orgId.value(), orgId.value(), now, orgId.value())) {
                touched.add(new UserId((String) row[0]));
                accepted += ((Number) row[1]).intValue();
            }
            return new Written(accepted, candidates - accepted, unknown, touched);
        });
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
