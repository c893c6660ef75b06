package circles.adapter.out.persistence;

import circles.application.port.out.RefreshClaims;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static circles.adapter.out.persistence.ColumnValues.enumOf;
import static circles.adapter.out.persistence.JdbcWork.instant;

/**
 * Refresh claims on the {@code groups} rows: claiming sets the evaluation to {@code evaluating}. Due groups are
 * picked with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers (other instances) split the due groups between
 * them instead of queueing behind each other, and a row locked by one is never returned to another; once the claim
 * commits, the status keeps others away until the release or the end of the lease.
 */
@ApplicationScoped
public class PostgresRefreshClaims implements RefreshClaims {
    private static final String CLAIMABLE = "g.kind = 'dynamic' and g.status = 'active'"
            + " and (g.evaluation_status <> 'evaluating' or g.evaluation_started_at <= ?)";

    private final EntityManager em;
    private final PostgresTenantScope scope;

    @Inject
    PostgresRefreshClaims(EntityManager em, PostgresTenantScope scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public List<Claim> claimDue(Instant now, Duration lease, int limit) {
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "update groups u set evaluation_status = 'evaluating', evaluation_started_at = ?"
                        + " where u.id in (select g.id from groups g where g.next_refresh_at <= ? and " + CLAIMABLE
                        + " order by g.next_refresh_at, g.id limit ? for update skip locked)"
                        + " returning u.id, u.org_id, u.refresh_interval_minutes",
                now, now, now.minus(lease), limit)).stream().map(PostgresRefreshClaims::claim).toList());
    }

    @Override
    public Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease) {
        scope.enter(orgId);
        // Due from now on: should the claimer die, the scheduled refresh takes the group over when the lease ends.
        return JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "update groups g set evaluation_status = 'evaluating', evaluation_started_at = ?, next_refresh_at = ?"
                        + " where g.id = ? and g.org_id = ? and " + CLAIMABLE
                        + " returning g.id, g.org_id, g.refresh_interval_minutes",
                now, now, groupId.value(), orgId.value(), now.minus(lease))).stream().findFirst()
                .map(PostgresRefreshClaims::claim);
    }

    @Override
    public void release(GroupId groupId, OrgId orgId, String error, Instant nextRefreshAt) {
        scope.enter(orgId);
        // A due time set after the evaluation started (a refresh asked for meanwhile) is kept when it is sooner.
        JdbcWork.call(em, connection -> JdbcWork.update(connection, "update groups set evaluation_status ="
                        + " case when cast(? as text) is null then 'idle' else 'failed' end, last_error = cast(? as text),"
                        + " next_refresh_at = case when next_refresh_at > evaluation_started_at"
                        + " then least(next_refresh_at, cast(? as timestamptz)) else cast(? as timestamptz) end,"
                        + " evaluation_started_at = null"
                        + " where id = ? and org_id = ?",
                error, error, nextRefreshAt, nextRefreshAt, groupId.value(), orgId.value()));
    }

    @Override
    public void schedule(GroupId groupId, OrgId orgId, int intervalMinutes, Instant nextRefreshAt) {
        if (intervalMinutes < 0) {
            throw new IllegalArgumentException("refresh interval must not be negative");
        }
        scope.enter(orgId);
        JdbcWork.call(em, connection -> JdbcWork.update(connection, "update groups set refresh_interval_minutes = ?,"
                        + " next_refresh_at = cast(? as timestamptz) where id = ? and org_id = ?",
                intervalMinutes, nextRefreshAt, groupId.value(), orgId.value()));
    }

    @Override
    public Optional<State> state(GroupId groupId, OrgId orgId) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> JdbcWork.rows(connection, "select evaluation_status,"
                        + " evaluation_started_at, last_computed_at, last_error, refresh_interval_minutes,"
                        + " next_refresh_at, member_count from groups where id = ? and org_id = ? and kind = 'dynamic'",
                groupId.value(), orgId.value())).stream().findFirst()
                .map(row -> new State(enumOf(Status.class, (String) row[0]), instant(row[1]), instant(row[2]),
                        (String) row[3], ((Number) row[4]).intValue(), instant(row[5]), ((Number) row[6]).longValue()));
    }

    private static Claim claim(Object[] row) {
        return new Claim(new GroupId((UUID) row[0]), new OrgId((UUID) row[1]), ((Number) row[2]).intValue());
    }
}
