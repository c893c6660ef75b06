package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.JdbcWork.instant;

/**
 * Refresh claims in {@code refresh_claims} (V17): one row per claimed group with its holder token and lease end;
 * claiming also sets the group's evaluation to {@code evaluating} on its {@code groups} row, which is what the API
 * shows. A claimer locks the {@code groups} row first and only then writes the claim row: claimers of one group queue
 * on that row (due groups are picked with {@code SKIP LOCKED}, so concurrent instances split them instead), while
 * renewals write the claim rows alone and so never wait for an evaluation, which holds its group's row while it
 * writes the members. A claim row whose lease ended is replaced by the next claimer.
 */
@ApplicationScoped
public class RefreshClaimsAdapter implements RefreshClaims {
    private static final String CLAIMABLE = "g.kind = 'dynamic' and g.status = 'active' and not exists (select 1"
            + " from refresh_claims c where c.group_id = g.id and c.expires_at > ?)";

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    RefreshClaimsAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public List<Claim> claimDue(Instant now, Duration lease, int limit) {
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection -> take(connection, JdbcWork.rows(connection,
                "select g.id, g.org_id, g.refresh_interval_minutes from groups g where g.next_refresh_at <= ? and "
                        + CLAIMABLE + " order by g.next_refresh_at, g.id limit ? for no key update of g skip locked",
                now, now, limit), now, lease, false)));
    }

    @Override
    public Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            // A live claim is answered at once, without queueing for the group's row (an evaluation may hold it).
            if (!JdbcWork.rows(connection, "select 1 from refresh_claims where group_id = ? and expires_at > ?",
                    groupId.value(), now).isEmpty()) {
                return Optional.empty();
            }
            List<Object[]> group = JdbcWork.rows(connection, "select g.id, g.org_id, g.refresh_interval_minutes"
                    + " from groups g where g.id = ? and g.org_id = ? and " + CLAIMABLE + " for no key update of g",
                    groupId.value(), orgId.value(), now);
            // Due from now on: should the claimer die, the scheduled refresh takes the group over when the lease ends.
            return take(connection, group, now, lease, true).stream().findFirst();
        });
    }

    /**
     * Claims the candidate groups, whose rows this transaction has locked: replaces claims of theirs whose lease has
     * ended, writes a claim with a new holder for each, and marks their evaluation as started. A claim another
     * claimer committed meanwhile (without the group's row: a renewal cannot start one) is left as it is.
     */
    private static List<Claim> take(Connection connection, List<Object[]> candidates, Instant now, Duration lease,
                                    boolean dueFromNow) throws SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<UUID, Claim> wanted = new HashMap<>();
        for (Object[] row : candidates) {
            Claim claim = new Claim(new GroupId((UUID) row[0]), new OrgId((UUID) row[1]),
                    ((Number) row[2]).intValue(), UUID.randomUUID());
            wanted.put(claim.groupId().value(), claim);
        }
        List<Claim> all = List.copyOf(wanted.values());
        JdbcWork.update(connection, "delete from refresh_claims where group_id = any(?) and expires_at <= ?",
                uuids(connection, all, claim -> claim.groupId().value()), now);
        List<Object[]> inserted = JdbcWork.rows(connection, "insert into refresh_claims"
                        + " (group_id, org_id, holder, claimed_at, expires_at)"
                        + " select t.group_id, t.org_id, t.holder, ?, ?"
                        + " from unnest(?, ?, ?) as t (group_id, org_id, holder)"
                        + " on conflict (group_id) do nothing returning group_id",
                now, now.plus(lease), uuids(connection, all, claim -> claim.groupId().value()),
                uuids(connection, all, claim -> claim.orgId().value()), uuids(connection, all, Claim::holder));
        List<Claim> claimed = new ArrayList<>();
        for (Object[] row : inserted) {
            claimed.add(wanted.get((UUID) row[0]));
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        JdbcWork.update(connection, "update groups set evaluation_status = 'evaluating', evaluation_started_at = ?,"
                        + " next_refresh_at = case when ? then cast(? as timestamptz) else next_refresh_at end"
                        + " where id = any(?)",
                now, dueFromNow, now, uuids(connection, claimed, claim -> claim.groupId().value()));
        return claimed;
    }

    @Override
    public List<Claim> renew(Collection<Claim> claims, Instant now, Duration lease) {
        if (claims.isEmpty()) {
            return List.of();
        }
        Map<UUID, Claim> byHolder = new HashMap<>();
        claims.forEach(claim -> byHolder.put(claim.holder(), claim));
        List<Claim> all = List.copyOf(byHolder.values());
        // Holder tokens are unguessable, so the claims of every org are renewed in one statement. A lease is never
        // shortened; rows locked by a release or a takeover are skipped rather than waited for.
        List<Object[]> renewed = scope.acrossOrgs(() -> JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "update refresh_claims r set expires_at = greatest(r.expires_at, ?) where r.group_id in (select"
                        + " c.group_id from refresh_claims c join unnest(?, ?) as t (group_id, holder)"
                        + " on c.group_id = t.group_id and c.holder = t.holder for update of c skip locked)"
                        + " returning r.holder",
                now.plus(lease), uuids(connection, all, claim -> claim.groupId().value()),
                uuids(connection, all, Claim::holder))));
        return renewed.stream().map(row -> byHolder.get((UUID) row[0])).toList();
    }

    @Override
    public boolean release(Claim claim, String error, Instant nextRefreshAt) {
        scope.enter(claim.orgId());
        return JdbcWork.call(em, connection -> {
            if (JdbcWork.update(connection, "delete from refresh_claims where group_id = ? and holder = ?",
                    claim.groupId().value(), claim.holder()) == 0) {
                return false;
            }
            // A due time set after the evaluation started (a refresh asked for meanwhile) is kept when it is sooner.
            JdbcWork.update(connection, "update groups set evaluation_status ="
                            + " case when cast(? as text) is null then 'idle' else 'failed' end,"
                            + " last_error = cast(? as text),"
                            + " next_refresh_at = case when next_refresh_at > evaluation_started_at"
                            + " then least(next_refresh_at, cast(? as timestamptz)) else cast(? as timestamptz) end,"
                            + " evaluation_started_at = null"
                            + " where id = ? and org_id = ?",
                    error, error, nextRefreshAt, nextRefreshAt, claim.groupId().value(), claim.orgId().value());
            return true;
        });
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

    private static Array uuids(Connection connection, List<Claim> claims, Function<Claim, UUID> value)
            throws SQLException {
        return connection.createArrayOf("uuid", claims.stream().map(value).toArray());
    }
}
