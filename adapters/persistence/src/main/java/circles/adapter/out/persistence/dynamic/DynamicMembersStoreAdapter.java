package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.instant;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;
import static circles.adapter.out.persistence.sql.JdbcWork.update;

/**
 * Snapshots of dynamic groups in {@code dynamic_group_members}. A new target set is copied ({@code COPY}) into a
 * temporary table; the members to remove and to add are then one statement each, whatever the size of the group,
 * and each statement records its history events in the same statement.
 * <p>
 * Both statements join the target with the group's snapshot, and right after a large write the snapshot's
 * statistics do not know the group yet: statistics gathered before it existed estimate its rows at one, and a
 * nested loop that scans the other side once per snapshot row then looks cheapest (a 1% diff right after a first
 * write of 100,000 members took 13 minutes that way). So neither statement leaves the planner a quadratic plan,
 * whatever the estimates: the target is keyed by user id, so a nested loop over the snapshot probes its index; the
 * additions find the target users the snapshot lacks with a full join, which PostgreSQL runs only as a hash or
 * merge join; and a first write, into an empty snapshot, joins no snapshot at all.
 */
@ApplicationScoped
public class DynamicMembersStoreAdapter implements DynamicMembersStore {
    private static final String TARGET = "dynamic_member_target";
    private static final String MEMBERS_LIST = "dynamic-members";
    private static final String AT_LIST = "dynamic-members-at";

    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final RuleMemberQueryAdapter rules;

    @Inject
    DynamicMembersStoreAdapter(EntityManager em, TenantScopeAdapter scope, RuleMemberQueryAdapter rules) {
        this.em = em;
        this.scope = scope;
        this.rules = rules;
    }

    @Override
    public Page<DynamicMember> members(GroupId groupId, OrgId orgId, PageRequest page) {
        scope.enter(orgId);
        String list = String.join("\u0000", MEMBERS_LIST, groupId.toString());
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select d.user_id, d.since, d.via from dynamic_group_members d"
                + " where d.group_id = :group and d.org_id = :org")
                .bind("group", groupId.value()).bind("org", orgId.value());
        if (cursor != null) {
            sql.append(" and d.user_id > :after", "after", cursor.id());
        }
        sql.append(" order by d.user_id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql.plain(em).getResultList();
        return Pages.of(rows, page, DynamicMembersStoreAdapter::member,
                row -> KeysetCursor.encode(list, null, (String) row[0]));
    }

    @Override
    public Set<UserId> memberIds(GroupId groupId, OrgId orgId) {
        scope.enter(orgId);
        @SuppressWarnings("unchecked")
        List<String> ids = new SqlQuery("select d.user_id from dynamic_group_members d"
                + " where d.group_id = :group and d.org_id = :org")
                .bind("group", groupId.value()).bind("org", orgId.value()).plain(em).getResultList();
        Set<UserId> members = new HashSet<>(ids.size() * 2);
        ids.forEach(id -> members.add(new UserId(id)));
        return members;
    }

    @Override
    public Optional<DynamicMember> member(GroupId groupId, OrgId orgId, UserId userId) {
        scope.enter(orgId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = new SqlQuery("select d.user_id, d.since, d.via from dynamic_group_members d"
                + " where d.group_id = :group and d.org_id = :org and d.user_id = :user")
                .bind("group", groupId.value()).bind("org", orgId.value()).bind("user", userId.value())
                .plain(em).getResultList();
        return rows.stream().findFirst().map(DynamicMembersStoreAdapter::member);
    }

    @Override
    public Diff applyDiff(GroupId groupId, OrgId orgId, Set<UserId> target, Set<UserId> included,
                          MembershipHistory.Cause cause, UUID evaluationId, Instant now) {
        if (!target.containsAll(included)) {
            throw new IllegalArgumentException("included members must be part of the target");
        }
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            lockDynamicGroup(connection, groupId, orgId);
            stage(connection, target, included);
            boolean empty = JdbcWork.rows(connection, "select 1 from dynamic_group_members where group_id = ? limit 1",
                    groupId.value()).isEmpty();
            List<UserId> removed = empty ? List.of() : changed(connection, removal(groupId, orgId, cause, evaluationId, now));
            List<UserId> added = new ArrayList<>();
            List<UserId> strangers = new ArrayList<>();
            DiffStatement addition = empty ? firstAddition(groupId, orgId, cause, evaluationId, now)
                    : addition(groupId, orgId, cause, evaluationId, now);
            for (Object[] row : JdbcWork.rows(connection, addition.sql(), addition.parameters().toArray())) {
                (Boolean.TRUE.equals(row[1]) ? added : strangers).add(new UserId((String) row[0]));
            }
            if (!strangers.isEmpty()) {
                throw new RuleViolation("not-an-org-member", "only members of the group's org can be computed members"
                        + " (" + strangers.size() + " are not, e.g. " + strangers.getFirst() + ")");
            }
            updateVia(connection, groupId, included);
            long unchanged = target.size() - added.size();
            update(connection, "update groups set member_count = ?, last_computed_at = ? where id = ? and org_id = ?",
                    target.size(), now, groupId.value(), orgId.value());
            return new Diff(added, removed, unchanged);
        });
    }

    /**
     * The rule's members, the overrides and the difference with the snapshot in one statement: nothing of the
     * target leaves PostgreSQL, only the users added and removed come back. The target (the rule's selection less
     * the excluded, plus the active included members the rule leaves out) meets the snapshot in a full join, which
     * PostgreSQL runs only as a hash or merge join, so stale statistics on a freshly written snapshot cannot make it
     * quadratic; the rows to delete and to re-mark are then found by primary key from an array of their ids.
     */
    @Override
    public Optional<RuleDiff> applyRuleDiff(GroupId groupId, OrgId orgId, Rule rule, Instant now,
                                            Set<UserId> includes, Set<UserId> excluded,
                                            MembershipHistory.Cause cause, UUID evaluationId) {
        return ruleDiff(groupId, orgId, rule, now, includes, excluded, null, cause, evaluationId);
    }

    /**
     * {@link #applyRuleDiff} narrowed to some users: the rule's selection, the included members and the snapshot
     * are each read for those users only ({@code user_id = any(...)}, probes of the primary keys), so a re-check of
     * ten thousand members costs the same in an org of ten thousand or of a million. The member count moves by the
     * difference; the group's last computation stays, since most of the group was not looked at.
     */
    @Override
    public Optional<RuleDiff> applyRuleDiffAmong(GroupId groupId, OrgId orgId, Rule rule, Instant now,
                                                 Set<UserId> includes, Set<UserId> excluded, Set<UserId> among,
                                                 MembershipHistory.Cause cause, UUID evaluationId) {
        return ruleDiff(groupId, orgId, rule, now, includes, excluded, java.util.Objects.requireNonNull(among),
                cause, evaluationId);
    }

    /** The in-place diff of the whole group ({@code among} null) or of the users of {@code among} only. */
    private Optional<RuleDiff> ruleDiff(GroupId groupId, OrgId orgId, Rule rule, Instant now, Set<UserId> includes,
                                        Set<UserId> excluded, Set<UserId> among, MembershipHistory.Cause cause,
                                        UUID evaluationId) {
        if (!rules.supports(rule)) {
            return Optional.empty();
        }
        scope.enter(orgId);
        return Optional.of(JdbcWork.call(em, connection -> {
            lockDynamicGroup(connection, groupId, orgId);
            RuleMemberQueryAdapter.Selection selection = rules.selection(connection, orgId, rule, now);
            Array includeIds = connection.createArrayOf("text", includes.stream().map(UserId::value).toArray());
            Array excludedIds = connection.createArrayOf("text", excluded.stream().map(UserId::value).toArray());
            Array amongIds = among == null ? null
                    : connection.createArrayOf("text", among.stream().map(UserId::value).toArray());
            String narrow = among == null ? "" : " and %s.user_id = any(?)";
            List<Object> parameters = new ArrayList<>(selection.parameters());
            if (among != null) {
                parameters.add(amongIds);
            }
            parameters.addAll(List.of(excludedIds, orgId.value(), includeIds));
            if (among != null) {
                parameters.add(amongIds);
            }
            parameters.add(groupId.value());
            if (among != null) {
                parameters.add(amongIds);
            }
            parameters.addAll(List.of(groupId.value(), orgId.value(), now,
                    groupId.value(), orgId.value(), lower(cause), now, evaluationId));
            String selected = among == null ? selection.sql()
                    : "select q.user_id from (" + selection.sql() + ") q where q.user_id = any(?)";
            String diff = "with selected as materialized (" + selected + "),"
                    + " target as materialized (select s.user_id, 'rule' as via from selected s"
                    + " where not (s.user_id = any(?))"
                    + " union all select i.user_id, 'include' from org_members i where i.org_id = ?"
                    + " and i.status = 'active' and i.user_id = any(?)" + narrow.formatted("i")
                    + " and i.user_id not in (select user_id from selected)),"
                    + " diff as materialized (select coalesce(t.user_id, s.user_id) as user_id, t.via as new_via,"
                    + " s.via as old_via from target t full join (select d.user_id, d.via from dynamic_group_members d"
                    + " where d.group_id = ?" + narrow.formatted("d") + ") s on s.user_id = t.user_id"
                    + " where t.user_id is null or s.user_id is null or t.via <> s.via),"
                    + " added as (insert into dynamic_group_members (group_id, org_id, user_id, since, via)"
                    + " select ?, ?, user_id, ?, new_via from diff where old_via is null returning user_id),"
                    + " logged as (insert into group_membership_events"
                    + " (group_id, org_id, user_id, change, cause, occurred_at, evaluation_id)"
                    + " select ?, ?, user_id, 'added', ?, ?, ? from added)"
                    + " select user_id, new_via, old_via, null from diff"
                    + " union all select null, null, null, " + (among == null ? "(select count(*) from target)" : "0");
            List<String> added = new ArrayList<>();
            List<String> addedVia = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> remarked = new ArrayList<>();
            List<String> remarkedVia = new ArrayList<>();
            long size = 0;
            for (Object[] row : JdbcWork.rows(connection, diff, parameters.toArray())) {
                if (row[0] == null) {
                    size = ((Number) row[3]).longValue();
                } else if (row[1] == null) {
                    removed.add((String) row[0]);
                } else if (row[2] == null) {
                    added.add((String) row[0]);
                    addedVia.add((String) row[1]);
                } else {
                    remarked.add((String) row[0]);
                    remarkedVia.add((String) row[1]);
                }
            }
            if (among != null) {
                size = memberCount(connection, groupId) + added.size() - removed.size();
            }
            removeAndRemark(connection, groupId, orgId, removed, remarked, remarkedVia, cause, evaluationId, now);
            if (among == null) {
                update(connection, "update groups set member_count = ?, last_computed_at = ? where id = ?"
                        + " and org_id = ?", size, now, groupId.value(), orgId.value());
            } else if (!added.isEmpty() || !removed.isEmpty()) {
                setMemberCount(connection, groupId, size);
            }
            Set<UserId> included = new HashSet<>();
            for (int i = 0; i < added.size(); i++) {
                if ("include".equals(addedVia.get(i))) {
                    included.add(new UserId(added.get(i)));
                }
            }
            for (int i = 0; i < remarked.size(); i++) {
                if ("include".equals(remarkedVia.get(i))) {
                    included.add(new UserId(remarked.get(i)));
                }
            }
            if (!includes.isEmpty()) {
                // Included members the snapshot already held as such are part of the answer too.
                for (String id : JdbcWork.texts(connection, "select user_id from dynamic_group_members"
                        + " where group_id = ? and via = 'include'", groupId.value())) {
                    included.add(new UserId(id));
                }
            }
            List<UserId> addedIds = added.stream().map(UserId::new).toList();
            return new RuleDiff(new Diff(addedIds, removed.stream().map(UserId::new).toList(),
                    size - addedIds.size()), included);
        }));
    }

    /**
     * The removals and re-marks of a difference computed in the database, by primary key from arrays of ids (one
     * index probe each, whatever the statistics say); every removal is logged.
     */
    private static void removeAndRemark(Connection connection, GroupId groupId, OrgId orgId, List<String> removed,
                                        List<String> remarked, List<String> remarkedVia,
                                        MembershipHistory.Cause cause, UUID evaluationId, Instant at)
            throws SQLException {
        if (!removed.isEmpty()) {
            update(connection, "with removed as (delete from dynamic_group_members d where d.group_id = ?"
                            + " and d.user_id = any(?) returning d.user_id) insert into group_membership_events"
                            + " (group_id, org_id, user_id, change, cause, occurred_at, evaluation_id)"
                            + " select ?, ?, user_id, 'removed', ?, ?, ? from removed",
                    groupId.value(), connection.createArrayOf("text", removed.toArray()), groupId.value(),
                    orgId.value(), lower(cause), at, evaluationId);
        }
        if (!remarked.isEmpty()) {
            update(connection, "update dynamic_group_members d set via = r.via from unnest(?::text[], ?::text[])"
                            + " r (user_id, via) where d.group_id = ? and d.user_id = r.user_id",
                    connection.createArrayOf("text", remarked.toArray()),
                    connection.createArrayOf("text", remarkedVia.toArray()), groupId.value());
        }
    }

    /** A statement of {@link #applyDiff} with its parameters in order: what it runs, and what a plan can be read of. */
    record DiffStatement(String sql, List<Object> parameters) {
    }

    /**
     * Deletes the members the staged target lacks, logs each removal, and returns their ids. The anti-join reads
     * the target only through its key: a nested loop probes the target's index once per snapshot row.
     */
    static DiffStatement removal(GroupId groupId, OrgId orgId, MembershipHistory.Cause cause, UUID evaluationId,
                                 Instant at) {
        return new DiffStatement("with removed as (delete from dynamic_group_members d"
                + " where d.group_id = ? and not exists (select 1 from " + TARGET + " t where t.user_id = d.user_id)"
                + " returning d.user_id), logged as (insert into group_membership_events"
                + " (group_id, org_id, user_id, change, cause, occurred_at, evaluation_id)"
                + " select ?, ?, user_id, 'removed', ?, ?, ? from removed) select user_id from removed",
                List.of(groupId.value(), groupId.value(), orgId.value(), lower(cause), at, evaluationId));
    }

    /**
     * The staged target users the snapshot lacks, and whether each is a member of the org: members are added (and
     * logged), anyone else is only returned, for the caller to refuse. The target meets the snapshot in a full
     * join, which has no nested-loop plan; an anti-join ({@code not exists}) would let a snapshot estimated at
     * one row be scanned again for every target row. The full join stays one because nothing outside the
     * materialized {@code candidates} can narrow it: its filter ({@code s.user_id is null}) is not strict.
     */
    static DiffStatement addition(GroupId groupId, OrgId orgId, MembershipHistory.Cause cause, UUID evaluationId,
                                  Instant at) {
        return candidatesAdded("(select t.user_id, t.via from " + TARGET + " t full join (select d.user_id"
                        + " from dynamic_group_members d where d.group_id = ?) s on s.user_id = t.user_id"
                        + " where s.user_id is null)",
                groupId, orgId, cause, evaluationId, at, groupId.value());
    }

    /** The additions of a write into an empty snapshot: every staged user, with no snapshot to compare with. */
    static DiffStatement firstAddition(GroupId groupId, OrgId orgId, MembershipHistory.Cause cause,
                                       UUID evaluationId, Instant at) {
        return candidatesAdded(TARGET, groupId, orgId, cause, evaluationId, at);
    }

    private static DiffStatement candidatesAdded(String candidates, GroupId groupId, OrgId orgId,
                                                 MembershipHistory.Cause cause, UUID evaluationId, Instant at,
                                                 Object... parameters) {
        List<Object> bound = new ArrayList<>(List.of(parameters));
        bound.addAll(List.of(orgId.value(), groupId.value(), orgId.value(), at, groupId.value(), orgId.value(),
                lower(cause), at, evaluationId));
        return new DiffStatement("with candidates as materialized (select t.user_id, t.via,"
                + " m.user_id is not null as known from " + candidates + " t"
                + " left join org_members m on m.org_id = ? and m.user_id = t.user_id),"
                + " added as (insert into dynamic_group_members (group_id, org_id, user_id, since, via)"
                + " select ?, ?, c.user_id, ?, c.via from candidates c where c.known returning user_id),"
                + " logged as (insert into group_membership_events"
                + " (group_id, org_id, user_id, change, cause, occurred_at, evaluation_id)"
                + " select ?, ?, user_id, 'added', ?, ?, ? from added)"
                + " select c.user_id, c.known from candidates c", List.copyOf(bound));
    }

    @Override
    public Diff applyOne(GroupId groupId, OrgId orgId, UserId userId, Via via, MembershipHistory.Cause cause,
                         UUID evaluationId, Instant now) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            lockDynamicGroup(connection, groupId, orgId);
            Instant at = now;
            String stored;
            try (PreparedStatement select = connection.prepareStatement("select via from dynamic_group_members"
                    + " where group_id = ? and user_id = ?")) {
                select.setObject(1, groupId.value());
                select.setString(2, userId.value());
                try (ResultSet rows = select.executeQuery()) {
                    stored = rows.next() ? rows.getString(1) : null;
                }
            }
            long count = memberCount(connection, groupId);
            if (via == null && stored != null) {
                update(connection, "delete from dynamic_group_members where group_id = ? and user_id = ?",
                        groupId.value(), userId.value());
                record(connection, groupId, orgId, userId, "removed", cause, evaluationId, at);
                setMemberCount(connection, groupId, count - 1);
                return new Diff(List.of(), List.of(userId), count - 1);
            }
            if (via != null && stored == null) {
                int inserted = update(connection, "insert into dynamic_group_members (group_id, org_id, user_id, since,"
                        + " via) select ?, m.org_id, m.user_id, ?, ? from org_members m where m.org_id = ?"
                        + " and m.user_id = ?", groupId.value(), at, lower(via), orgId.value(), userId.value());
                if (inserted == 0) {
                    throw new RuleViolation("not-an-org-member", "only members of the group's org can be computed"
                            + " members (" + userId + " is not)");
                }
                record(connection, groupId, orgId, userId, "added", cause, evaluationId, at);
                setMemberCount(connection, groupId, count + 1);
                return new Diff(List.of(userId), List.of(), count);
            }
            if (via != null && !lower(via).equals(stored)) {
                update(connection, "update dynamic_group_members set via = ? where group_id = ? and user_id = ?",
                        lower(via), groupId.value(), userId.value());
            }
            return new Diff(List.of(), List.of(), count);
        });
    }

    @Override
    public Page<MemberAt> membersAt(GroupId groupId, OrgId orgId, Instant at, PageRequest page) {
        scope.enter(orgId);
        // Bound to the group and the time: a cursor taken to another group or another `at` is refused.
        String list = String.join("\u0000", AT_LIST, groupId.toString(), at.toString());
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        // The last change of each user at that time says whether they were a member, and since when.
        SqlQuery sql = new SqlQuery("select last.user_id, last.occurred_at from (select distinct on (e.user_id)"
                + " e.user_id, e.change, e.occurred_at from group_membership_events e where e.group_id = :group"
                + " and e.org_id = :org and e.occurred_at <= :at")
                .bind("group", groupId.value()).bind("org", orgId.value()).bind("at", at);
        if (cursor != null) {
            sql.append(" and e.user_id > :after", "after", cursor.id());
        }
        sql.append(" order by e.user_id, e.occurred_at desc, e.id desc) last where last.change = 'added'"
                + " order by last.user_id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql.plain(em).getResultList();
        return Pages.of(rows, page, row -> new MemberAt(new UserId((String) row[0]), instant(row[1])),
                row -> KeysetCursor.encode(list, null, (String) row[0]));
    }

    @Override
    public List<DynamicMembership> groupsOfUser(OrgId orgId, UserId userId) {
        scope.enter(orgId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = new SqlQuery("select d.group_id, d.since, d.via from dynamic_group_members d"
                + " where d.org_id = :org and d.user_id = :user order by d.group_id")
                .bind("org", orgId.value()).bind("user", userId.value()).plain(em).getResultList();
        return rows.stream().map(row -> new DynamicMembership(new GroupId((UUID) row[0]), instant(row[1]),
                enumOf(Via.class, (String) row[2]))).toList();
    }

    // --- JDBC ---------------------------------------------------------------------------------------------

    private static DynamicMember member(Object[] row) {
        return new DynamicMember(new UserId((String) row[0]), instant(row[1]), enumOf(Via.class, (String) row[2]));
    }

    /** Serialises writes of one group's snapshot; the group must be a dynamic group of the org. */
    private static void lockDynamicGroup(Connection connection, GroupId groupId, OrgId orgId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select kind from groups where id = ? and org_id = ?"
                + " for no key update")) {
            lock.setObject(1, groupId.value());
            lock.setObject(2, orgId.value());
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw new NotFound("group", groupId);
                }
                if (!"dynamic".equals(rows.getString(1))) {
                    throw new RuleViolation("group-not-dynamic", "group " + groupId + " is not a dynamic group");
                }
            }
        }
    }

    /**
     * Copies the target set into a temporary table of the transaction (a new one, should an earlier write of the
     * same transaction have left one), keyed by user id and analyzed.
     */
    static void stage(Connection connection, Set<UserId> target, Set<UserId> included) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists pg_temp." + TARGET);
            statement.execute("create temporary table " + TARGET
                    + " (user_id text not null, via text not null) on commit drop");
        }
        StringBuilder rows = new StringBuilder(target.size() * 24);
        for (UserId userId : target) {
            String id = userId.value();
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c == '\\') {
                    rows.append('\\');
                }
                rows.append(c);
            }
            rows.append(included.contains(userId) ? "\tinclude\n" : "\trule\n");
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + TARGET + " (user_id, via) from stdin", new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Statement statement = connection.createStatement()) {
            // The key is built once after the copy, cheaper than row by row during it.
            statement.execute("alter table " + TARGET + " add primary key (user_id)");
            // A temporary table is never analyzed by autovacuum; without statistics the joins plan badly.
            statement.execute("analyze " + TARGET);
        }
    }

    /** Runs a statement that returns the user ids it changed. */
    private static List<UserId> changed(Connection connection, DiffStatement diff) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(diff.sql())) {
            JdbcWork.bind(statement, diff.parameters().toArray());
            List<UserId> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(new UserId(rows.getString(1)));
                }
            }
            return ids;
        }
    }

    /** Members of the group by an include override keep {@code include}; all others are there by the rule. */
    private static void updateVia(Connection connection, GroupId groupId, Set<UserId> included) throws SQLException {
        Array includedIds = connection.createArrayOf("text", included.stream().map(UserId::value).toArray());
        update(connection, "update dynamic_group_members set via = 'include' where group_id = ?"
                + " and user_id = any(?) and via <> 'include'", groupId.value(), includedIds);
        update(connection, "update dynamic_group_members set via = 'rule' where group_id = ? and via = 'include'"
                + " and not (user_id = any(?))", groupId.value(), includedIds);
    }

    private static long memberCount(Connection connection, GroupId groupId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select member_count from groups where id = ?")) {
            select.setObject(1, groupId.value());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void setMemberCount(Connection connection, GroupId groupId, long count) throws SQLException {
        update(connection, "update groups set member_count = ? where id = ?", count, groupId.value());
    }

    private static void record(Connection connection, GroupId groupId, OrgId orgId, UserId userId, String change,
                               MembershipHistory.Cause cause, UUID evaluationId, Instant at) throws SQLException {
        update(connection, "insert into group_membership_events (group_id, org_id, user_id, change, cause, occurred_at,"
                + " evaluation_id) values (?, ?, ?, ?, ?, ?, ?)", groupId.value(), orgId.value(), userId.value(), change,
                lower(cause), at, evaluationId);
    }
}
