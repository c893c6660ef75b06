package circles.adapter.out.persistence.memberindex;

import circles.adapter.out.persistence.member.MemberReferences;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.MemberIndex;
import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.shared.RuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The member index of this process: per org, bitmaps built from {@code org_members} on first use and kept current
 * from the public event log.
 * <p>
 * Every change of an org member (profile, status, import, departure) writes a {@code circles.org.member.*} event in
 * the public event log in the transaction of the change. Before it answers, the index reads the org-member events
 * visible to the caller's transaction that it may not have applied yet (those of transactions from its watermark
 * on), re-reads those members from {@code org_members} and applies them; then it moves its watermark to the oldest
 * transaction still running. So an answer always reflects at least every change the caller's transaction sees,
 * however many processes share the database: each keeps its own index and catches up from the same log.
 * <p>
 * When the caller's own transaction has changed a member of the org (its changes are not committed and might roll
 * back), the index does not answer, and the caller takes the other paths. An index not caught up for longer than
 * {@link #REBUILD_AFTER} is rebuilt, since the log it would read may have been purged.
 */
@ApplicationScoped
public class MemberIndexAdapter implements MemberIndex {
    /** Well inside the public event log's retention (days): older indexes are rebuilt, not caught up. */
    static final Duration REBUILD_AFTER = Duration.ofHours(12);

    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final Clock clock;
    private final Map<OrgId, Holder> orgs = new ConcurrentHashMap<>();

    /** The lock of one org's index and the index once built. */
    private static final class Holder {
        OrgIndex index;
        /**
         * A build in the background is queued or running: until it is done, callers take the other paths (SQL)
         * rather than build the same index again inside their request.
         */
        boolean warming;
    }

    @Inject
    MemberIndexAdapter(EntityManager em, TenantScopeAdapter scope, Clock clock) {
        this.em = em;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public Optional<Selection> select(OrgId orgId, Rule rule) {
        if (!RuleAlgebra.indexable(rule)) {
            return Optional.empty();
        }
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            Holder holder = orgs.computeIfAbsent(orgId, id -> new Holder());
            synchronized (holder) {
                if (holder.index == null && holder.warming) {
                    return Optional.empty();
                }
                if (!current(holder, connection, orgId)) {
                    return Optional.empty();
                }
                OrgIndex index = holder.index;
                var members = new RuleAlgebra(index, lookups(connection, orgId), orgId).activeMembers(rule);
                return Optional.of(new BitmapSelection(index, members));
            }
        });
    }

    /**
     * Marks the orgs whose indexes are about to be built in the background: until {@link #warm} has built one (or
     * given up), the index does not answer for that org, so requests keep the SQL paths instead of waiting for a
     * build of seconds. An org whose index exists already is left as it is.
     */
    public void queueWarmUp(List<OrgId> orgIds) {
        for (OrgId orgId : orgIds) {
            Holder holder = orgs.computeIfAbsent(orgId, id -> new Holder());
            synchronized (holder) {
                if (holder.index == null) {
                    holder.warming = true;
                }
            }
        }
    }

    /**
     * Builds the org's index, outside its lock (callers of {@link #select} meanwhile take the other paths), in the
     * caller's transaction, which must be new (no changes of its own). Returns false when an index was there already.
     * Whatever happens, the org leaves the warm-up state: on failure the next use builds the index inline as before.
     */
    public boolean warm(OrgId orgId) {
        Holder holder = orgs.computeIfAbsent(orgId, id -> new Holder());
        try {
            synchronized (holder) {
                if (holder.index != null) {
                    return false;
                }
            }
            scope.enter(orgId);
            OrgIndex built = JdbcWork.call(em, connection -> build(connection, orgId, clock.instant()));
            synchronized (holder) {
                if (holder.index != null) {
                    return false;
                }
                holder.index = built;
                return true;
            }
        } finally {
            synchronized (holder) {
                holder.warming = false;
            }
        }
    }

    /** Takes the org out of the warm-up (its build could not run): its next use builds the index inline. */
    public void leaveWarmUp(OrgId orgId) {
        Holder holder = orgs.get(orgId);
        if (holder != null) {
            synchronized (holder) {
                holder.warming = false;
            }
        }
    }

    /** Whether the org's index is built or queued for a build in the background. */
    public boolean queuedOrBuilt(OrgId orgId) {
        Holder holder = orgs.get(orgId);
        if (holder == null) {
            return false;
        }
        synchronized (holder) {
            return holder.warming || holder.index != null;
        }
    }

    /** Whether the org's index is built (not merely queued for a build). */
    public boolean built(OrgId orgId) {
        Holder holder = orgs.get(orgId);
        if (holder == null) {
            return false;
        }
        synchronized (holder) {
            return holder.index != null;
        }
    }

    /**
     * The orgs with an active dynamic group whose rule has a leaf the index answers (an attribute, {@code reports_to}
     * or every member), the largest (most members) first: the orgs whose rules the index serves, in the order in
     * which a build saves the most. Orgs whose dynamic groups only read activity (the default groups) or other groups
     * are left out: the index would not answer for them.
     */
    public List<OrgId> orgsWithIndexedRules() {
        return JdbcWork.call(em, connection -> JdbcWork.rows(connection, scope.acrossOrgs("select o.org_id from"
                + " (select distinct g.org_id from groups g where g.kind = 'dynamic' and g.status = 'active'"
                + " and g.org_id is not null and jsonb_path_exists(g.rule, '$.** ? (@.criterion == \"attribute\""
                + " || @.criterion == \"reports_to\" || @.criterion == \"all_members\")')) o"
                + " order by (select count(*) from org_members m where m.org_id = o.org_id) desc, o.org_id"))
                .stream().map(row -> new OrgId((java.util.UUID) row[0])).toList());
    }

    /** Forgets every org's index (the next use rebuilds it), as a restarted process would. */
    public void forget() {
        orgs.clear();
    }

    /** Bytes the org's index takes now (bitmaps and arrays; the ids' strings not counted), 0 when not built. */
    public long bytes(OrgId orgId) {
        Holder holder = orgs.get(orgId);
        if (holder == null) {
            return 0;
        }
        synchronized (holder) {
            return holder.index == null ? 0 : holder.index.bytes();
        }
    }

    /**
     * Builds or catches up the org's index so that it covers the caller's snapshot; false when the caller's own
     * transaction changed members of the org.
     */
    private boolean current(Holder holder, Connection connection, OrgId orgId) throws SQLException {
        Instant now = clock.instant();
        if (holder.index != null && holder.index.caughtUpAt.plus(REBUILD_AFTER).isBefore(now)) {
            holder.index = null;
        }
        if (holder.index == null) {
            if (ownChanges(connection, orgId, 0)) {
                return false;
            }
            holder.index = build(connection, orgId, now);
            return true;
        }
        OrgIndex index = holder.index;
        if (ownChanges(connection, orgId, index.watermark)) {
            return false;
        }
        long oldestRunning = index.watermark;
        Map<String, Long> changed = new LinkedHashMap<>();
        for (Object[] row : JdbcWork.rows(connection, "select e.aggregateid, max(e.seq),"
                + " pg_snapshot_xmin(pg_current_snapshot())::text from public_events e"
                + " where e.org_id = ? and e.aggregatetype = 'org_member' and e.tx >= cast(? as text)::xid8"
                + " and pg_visible_in_snapshot(e.tx, pg_current_snapshot()) group by e.aggregateid",
                orgId.value(), Long.toString(index.watermark))) {
            changed.put((String) row[0], ((Number) row[1]).longValue());
            oldestRunning = Math.max(oldestRunning, Long.parseLong((String) row[2]));
        }
        if (changed.isEmpty()) {
            oldestRunning = Math.max(oldestRunning, xmin(connection));
        } else {
            List<String> fresh = changed.entrySet().stream().filter(e -> index.newer(e.getKey(), e.getValue()))
                    .map(Map.Entry::getKey).toList();
            Map<String, MemberRow> rows = read(connection, orgId, fresh);
            // A departure clears the manager of the departed member's reports in the same statement (the foreign
            // key sets it to null), without an event of their own: they are read again too.
            List<String> orphans = new ArrayList<>();
            for (String userId : fresh) {
                if (!rows.containsKey(userId)) {
                    orphans.addAll(index.reportsOf(userId));
                }
            }
            rows.putAll(read(connection, orgId, orphans.stream().filter(id -> !rows.containsKey(id)).toList()));
            for (String userId : fresh) {
                if (!rows.containsKey(userId)) {
                    index.remove(userId);
                }
            }
            rows.values().forEach(index::put);
        }
        index.watermark = oldestRunning;
        index.caughtUpAt = now;
        return true;
    }

    /** Whether the caller's transaction wrote org-member events of the org (uncommitted, so not indexed). */
    private static boolean ownChanges(Connection connection, OrgId orgId, long from) throws SQLException {
        return !JdbcWork.rows(connection, "select 1 from public_events e where e.org_id = ?"
                + " and e.aggregatetype = 'org_member' and e.tx >= cast(? as text)::xid8"
                + " and e.tx = pg_current_xact_id_if_assigned() limit 1", orgId.value(), Long.toString(from))
                .isEmpty();
    }

    private static long xmin(Connection connection) throws SQLException {
        return Long.parseLong(JdbcWork.texts(connection,
                "select pg_snapshot_xmin(pg_current_snapshot())::text").getFirst());
    }

    /**
     * The whole org in user id order, streamed into the index. The watermark is taken before the members are read,
     * so that every change the read may have missed lies at or above it.
     */
    private static OrgIndex build(Connection connection, OrgId orgId, Instant now) throws SQLException {
        long watermark = xmin(connection);
        OrgIndex index = new OrgIndex();
        try (PreparedStatement statement = connection.prepareStatement(SELECT
                + " where m.org_id = ? order by m.user_id collate \"C\"")) {
            statement.setFetchSize(10_000);
            statement.setObject(1, orgId.value());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    index.put(row(result));
                }
            }
        }
        index.built(watermark, now);
        return index;
    }

    /** The members among {@code userIds} who are in the org now; a member not in the answer has left. */
    private static Map<String, MemberRow> read(Connection connection, OrgId orgId, List<String> userIds)
            throws SQLException {
        Map<String, MemberRow> rows = new HashMap<>();
        if (userIds.isEmpty()) {
            return rows;
        }
        try (PreparedStatement statement = connection.prepareStatement(SELECT
                + " where m.org_id = ? and m.user_id = any(?)")) {
            statement.setObject(1, orgId.value());
            statement.setArray(2, connection.createArrayOf("text", userIds.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    MemberRow row = row(result);
                    rows.put(row.userId(), row);
                }
            }
        }
        return rows;
    }

    /** A member's row: id, status, the indexed columns, then the custom attributes as key, value, key, value... */
    private static final String SELECT = "select m.user_id, m.status, "
            + MemberRow.COLUMNS.stream().map(column -> "m." + column).collect(Collectors.joining(", "))
            + ", array(select unnest(array[e.key, e.value]) from jsonb_each_text(m.custom_attributes) e)"
            + " from org_members m";

    private static MemberRow row(ResultSet result) throws SQLException {
        String[] values = new String[MemberRow.FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = result.getString(3 + i);
        }
        Map<String, String> custom = Map.of();
        java.sql.Array array = result.getArray(3 + values.length);
        if (array != null) {
            String[] pairs = (String[]) array.getArray();
            if (pairs.length > 0) {
                custom = new HashMap<>();
                for (int i = 0; i + 1 < pairs.length; i += 2) {
                    custom.put(pairs[i], pairs[i + 1]);
                }
            }
        }
        return new MemberRow(result.getString(1), result.getString(2), values, custom);
    }

    // ---- what the algebra reads from the database ----

    private static RuleAlgebra.Lookups lookups(Connection connection, OrgId orgId) {
        return new RuleAlgebra.Lookups() {
            @Override
            public Optional<String> resolveMember(String reference) {
                try {
                    return MemberReferences.resolve(connection, orgId, reference);
                } catch (SQLException failure) {
                    throw new IllegalStateException(failure);
                }
            }

            @Override
            public Map<String, String> parents(MasterDataKind kind) {
                Map<String, String> tree = new HashMap<>();
                try {
                    for (Object[] row : JdbcWork.rows(connection, "select key, parent_key from master_data"
                                    + " where org_id = ? and kind = ? and parent_key is not null",
                            orgId.value(), kind.name().toLowerCase(Locale.ROOT))) {
                        tree.put((String) row[0], (String) row[1]);
                    }
                } catch (SQLException failure) {
                    throw new IllegalStateException(failure);
                }
                return tree;
            }
        };
    }
}
