package circles.adapter.out.persistence.membership;

import circles.adapter.out.persistence.actor.UserRepositoryAdapter;
import circles.adapter.out.persistence.group.GroupRows;
import circles.adapter.out.persistence.group.GroupRepositoryAdapter;
import circles.adapter.out.persistence.member.OrgMemberRepositoryAdapter;
import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.org.OrgId;
import circles.domain.shared.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static circles.adapter.out.persistence.sql.ColumnValues.lower;

/**
 * Direct memberships of static groups, and the effective memberships they imply: a member of a subgroup is an
 * effective member of every ancestor, and only an active membership inside its validity window counts.
 */
@ApplicationScoped
public class MembershipRepositoryAdapter implements MembershipRepository {
    private static final String DIRECT_LIST = "members-direct";
    private static final String EFFECTIVE_LIST = "members-effective";
    private static final String GROUPS_OF_LIST = "groups-of";

    private static final String READ_MEMBERSHIPS = MembershipRepositoryAdapter.class.getName() + ".read";

    private final GroupMemberPanacheRepository rows;
    private final UserRepositoryAdapter users;
    private final TenantScopeAdapter scope;
    private final TransactionSynchronizationRegistry transaction;

    @Inject
    MembershipRepositoryAdapter(GroupMemberPanacheRepository rows, UserRepositoryAdapter users,
                                TenantScopeAdapter scope, TransactionSynchronizationRegistry transaction) {
        this.rows = rows;
        this.users = users;
        this.scope = scope;
        this.transaction = transaction;
    }

    /** SQL: the membership {@code alias} counts at {@code now} (an expression such as {@code :now}). */
    public static String effectiveAt(String alias, String now) {
        return alias + ".status = 'active' and (" + alias + ".valid_from is null or " + alias + ".valid_from <= " + now
                + ") and (" + alias + ".valid_until is null or " + alias + ".valid_until > " + now + ")";
    }

    @Override
    public Optional<Membership> find(GroupId groupId, UserId userId) {
        return rows.findByIdOptional(key(groupId, userId)).map(this::loaded);
    }

    /**
     * Updates the memberships this transaction read, inserts all others: a new membership of a user who is in the
     * group already is a conflict, never a silent overwrite (memberships carry no version to tell them apart).
     */
    @Override
    public void saveAll(Collection<Membership> memberships) {
        Map<Optional<OrgId>, List<Membership>> byOrg = memberships.stream().collect(Collectors.groupingBy(
                membership -> Optional.ofNullable(membership.orgId()), LinkedHashMap::new, Collectors.toList()));
        byOrg.forEach((orgId, inOrg) -> {
            scope.enter(orgId.orElse(null));
            save(inOrg, orgId.isEmpty());
        });
    }

    private void save(List<Membership> memberships, boolean standalone) {
        Set<Membership> read = readInThisTransaction();
        try {
            if (standalone) {
                // Org groups reach their users through org_members; a standalone group may be a user's first contact.
                users.ensureExist(memberships.stream().filter(membership -> !read.contains(membership))
                        .map(Membership::userId).toList());
            }
            for (Membership membership : memberships) {
                if (read.contains(membership)) {
                    GroupMemberJpaEntity entity = rows.findById(key(membership.groupId(), membership.userId()));
                    if (entity == null) {
                        throw new NotFound("group-member", membership.userId());
                    }
                    MembershipMapper.copy(membership, entity);
                } else {
                    rows.persist(MembershipMapper.newEntity(membership));
                }
            }
            rows.flush();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
        memberships.forEach(read::add);
    }

    /** A membership as read, remembered (by identity) as one this transaction may update. */
    private Membership loaded(GroupMemberJpaEntity entity) {
        Membership membership = MembershipMapper.toDomain(entity);
        readInThisTransaction().add(membership);
        return membership;
    }

    @SuppressWarnings("unchecked")
    private Set<Membership> readInThisTransaction() {
        Set<Membership> read = (Set<Membership>) transaction.getResource(READ_MEMBERSHIPS);
        if (read == null) {
            read = Collections.newSetFromMap(new IdentityHashMap<>());
            transaction.putResource(READ_MEMBERSHIPS, read);
        }
        return read;
    }

    @Override
    public void delete(GroupId groupId, UserId userId) {
        GroupMemberJpaEntity entity = rows.findById(key(groupId, userId));
        if (entity == null) {
            return;
        }
        try {
            rows.delete(entity);
            rows.flush();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public List<UserId> existing(GroupId groupId, Collection<UserId> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em().createQuery("select m.userId from GroupMemberJpaEntity m where m.groupId = :group"
                        + " and m.userId in :users", String.class)
                .setParameter("group", groupId.value())
                .setParameter("users", OrgMemberRepositoryAdapter.values(userIds))
                .getResultList().stream().map(UserId::new).toList();
    }

    @Override
    public long countEffectiveOwners(GroupId groupId, Instant now) {
        return ((Number) new SqlQuery("select count(*) from group_members m where m.group_id = :group"
                + " and m.role = 'owner' and " + effectiveAt("m", ":now"))
                .bind("group", groupId.value()).bind("now", now).plain(em()).getSingleResult()).longValue();
    }

    @Override
    public Page<Membership> listDirect(GroupId groupId, Filter filter, PageRequest page) {
        // A cursor continues only this group's list with these filters.
        String list = String.join("\u0000", DIRECT_LIST, groupId.toString(), String.valueOf(filter));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select m.* from group_members m where m.group_id = :group")
                .bind("group", groupId.value());
        filtered(sql, "m", filter);
        if (cursor != null) {
            sql.append(" and m.user_id > :cursor_id", "cursor_id", cursor.id());
        }
        sql.append(" order by m.user_id limit :limit", "limit", Pages.fetchSize(page));
        return Pages.of(memberRows(sql), page, this::loaded,
                row -> KeysetCursor.encode(list, null, row.userId));
    }

    @Override
    public Page<EffectiveMember> listEffective(GroupId groupId, Filter filter, Instant now, PageRequest page) {
        String list = String.join("\u0000", EFFECTIVE_LIST, groupId.toString(), String.valueOf(filter));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        // A dynamic subgroup contributes its computed members, shaped as active plain memberships of it.
        SqlQuery sql = new SqlQuery("with recursive tree (id, depth) as ("
                + " select cast(:group as uuid), 0"
                + " union all"
                + " select c.id, t.depth + 1 from tree t cross join lateral ("
                + GroupRepositoryAdapter.SUBGROUPS_OF_T + ") c where t.depth < "
                + GroupRepositoryAdapter.MAX_DEPTH + ")"
                + " select nearest.* from ("
                + " select distinct on (m.user_id) m.* from tree t cross join lateral (select * from ("
                + "(select m.group_id, m.org_id, m.user_id, m.role, m.status, m.joined_at, m.invited_by,"
                + " m.valid_from, m.valid_until, m.permissions, m.notification_override, null as computed_via"
                + " from group_members m where m.group_id = t.id and " + effectiveAt("m", ":now") + ")"
                + " union all"
                + " (select d.group_id, d.org_id, d.user_id, 'member', 'active', d.since, null, null, null,"
                + " cast('{}' as text[]), cast(null as jsonb), d.via"
                + " from dynamic_group_members d where d.group_id = t.id)) memberships offset 0) m where true")
                .bind("group", groupId.value()).bind("now", now);
        if (cursor != null) {
            sql.append(" and m.user_id > :cursor_id", "cursor_id", cursor.id());
        }
        sql.append(" order by m.user_id, t.depth, m.group_id) nearest where true");
        filtered(sql, "nearest", filter);
        sql.append(" order by nearest.user_id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql.mapped(em(), GroupMemberJpaEntity.WITH_COMPUTED_VIA).getResultList();
        return Pages.of(rows, page, this::effectiveMember,
                row -> KeysetCursor.encode(list, null, ((GroupMemberJpaEntity) row[0]).userId));
    }

    /**
     * A row of {@link #listEffective}. A computed member's row is no stored membership: it leaves the persistence
     * context at once, so that nothing in this transaction mistakes it for one.
     */
    private EffectiveMember effectiveMember(Object[] row) {
        GroupMemberJpaEntity entity = (GroupMemberJpaEntity) row[0];
        if (row[1] == null) {
            return new EffectiveMember(loaded(entity), new GroupId(entity.groupId));
        }
        em().detach(entity);
        return new EffectiveMember(MembershipMapper.toDomain(entity), new GroupId(entity.groupId));
    }

    private static void filtered(SqlQuery sql, String alias, Filter filter) {
        if (filter != null && filter.role() != null) {
            sql.append(" and " + alias + ".role = :role", "role", lower(filter.role()));
        }
        if (filter != null && filter.status() != null) {
            sql.append(" and " + alias + ".status = :status", "status", lower(filter.status()));
        }
    }

    /**
     * One entry per group: the user's direct memberships (any status) and computed memberships of dynamic groups, then
     * the static ancestors of the groups where the membership is effective, each reached through the nearest such
     * group. A dynamic ancestor is not listed: its members are its snapshot. Ordered by group name.
     *
     * <p>One statement answers the page: the groups' columns and the user's membership of the group each is reached
     * through (stored, or computed for a dynamic group), read as plain values (no managed entities), so nothing of
     * it is kept for the end of the transaction.
     */
    @Override
    public Page<UserGroup> groupsOf(UserId userId, OrgId orgId, Instant now, PageRequest page) {
        if (orgId != null) {
            scope.enter(orgId);
        }
        SqlQuery.Positional statement = groupsOfStatement(userId, orgId, now, page);
        List<Object[]> found = JdbcWork.call(em(), connection -> orgId == null
                ? JdbcWork.rows(connection, scope.acrossOrgs(statement.sql()), statement.values())
                : JdbcWork.rows(connection, statement.sql(), statement.values()));
        return userGroups(found, userId, page);
    }

    /**
     * The plan of {@link #groupsOf}'s statement for one member of an org, as PostgreSQL ran it
     * ({@code explain (analyze, buffers)}), one line per element: for benchmarks and diagnosis.
     */
    public List<String> explainGroupsOf(UserId userId, OrgId orgId, Instant now, PageRequest page) {
        scope.enter(Objects.requireNonNull(orgId, "orgId"));
        SqlQuery.Positional statement = groupsOfStatement(userId, orgId, now, page);
        return JdbcWork.call(em(), connection -> JdbcWork.texts(connection,
                "explain (analyze, buffers) " + statement.sql(), statement.values()));
    }

    /** The one statement of {@link #groupsOf}: the page of the user's groups with the membership each is reached by. */
    private SqlQuery.Positional groupsOfStatement(UserId userId, OrgId orgId, Instant now, PageRequest page) {
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), GROUPS_OF_LIST);
        SqlQuery sql = new SqlQuery("with recursive direct as ("
                + " select m.group_id, m.status, m.valid_from, m.valid_until from group_members m"
                + " where m.user_id = :user").bind("user", userId.value()).bind("now", now);
        if (orgId != null) {
            sql.append(" and m.org_id = :org", "org", orgId.value());
        } else {
            // Across orgs (the user's own list), a suspended or deactivated org member has no group of that org.
            sql.append(" and (m.org_id is null or exists (select 1 from org_members o where o.org_id = m.org_id"
                    + " and o.user_id = :user and o.status = 'active'))");
        }
        // Computed memberships are active and unbounded. The snapshot is indexed by org and user, so across orgs
        // it is read in the orgs the user is an active member of.
        sql.append(" union all select d.group_id, 'active', null, null from dynamic_group_members d"
                + " where d.user_id = :user and " + (orgId != null ? "d.org_id = :org"
                : "d.org_id in (select o.org_id from org_members o where o.user_id = :user and o.status = 'active')"));
        // The lateral subqueries ("offset 0" keeps them from being flattened) look each group up by key: the
        // planner cannot estimate the recursive part, and a join it guesses wrong would scan every group.
        sql.append("), up (group_id, via, depth) as ("
                + " select p.parent_id, d.group_id, 1 from direct d cross join lateral ("
                + "select g.parent_id from groups g where g.id = d.group_id offset 0) p"
                + " where p.parent_id is not null and " + effectiveAt("d", ":now")
                + " union all"
                + " select p.parent_id, u.via, u.depth + 1 from up u cross join lateral ("
                + "select g.parent_id from groups g where g.id = u.group_id offset 0) p"
                + " where p.parent_id is not null and u.depth < " + GroupRepositoryAdapter.MAX_DEPTH + ")"
                + ", entries (group_id, via, direct) as ("
                + " select d.group_id, d.group_id, true from direct d"
                + " union all"
                + " (select distinct on (u.group_id) u.group_id, u.via, false from up u"
                + " where not exists (select 1 from direct d where d.group_id = u.group_id)"
                + " order by u.group_id, u.depth, u.via))"
                // The page first, then the user's membership of the via group of each of its rows.
                + " select " + USER_GROUP_COLUMNS + " from (select g.*, e.via, e.direct from entries e"
                + " cross join lateral (select g.* from groups g where g.id = e.group_id offset 0) g"
                + " where (e.direct or g.kind = 'static')");
        if (cursor != null) {
            Keyset.after(sql, "g.name_key", "g.id", false, cursor.sortKey(), cursor.uuid(),
                    "select name_key from groups where id = :cursor_id");
        }
        sql.append(" order by g.name_key, g.id limit :limit) g", "limit", Pages.fetchSize(page));
        sql.append(" left join group_members m on m.group_id = g.via and m.user_id = :user"
                + " left join dynamic_group_members d on m.group_id is null and d.group_id = g.via"
                + " and d.user_id = :user"
                + " order by g.name_key, g.id");
        return sql.positional();
    }

    /** The columns of a {@link #groupsOf} row, in the order {@link #userGroup} reads them. */
    private static final String USER_GROUP_COLUMNS = GroupRows.columns("g") + ", g.name_key, g.via, g.direct,"
            + " m.org_id, m.role, m.status, m.joined_at, m.invited_by, m.valid_from, m.valid_until,"
            + " array_to_string(m.permissions, ','), cast(m.notification_override as text), d.since, d.via";
    /** Where the columns after the group's are in a {@link #groupsOf} row. */
    private static final int NAME_KEY = GroupRows.COUNT;
    private static final int VIA = NAME_KEY + 1;
    private static final int DIRECT = VIA + 1;
    private static final int MEMBERSHIP = DIRECT + 1;
    private static final int COMPUTED = MEMBERSHIP + 9;

    private Page<UserGroup> userGroups(List<Object[]> found, UserId userId, PageRequest page) {
        boolean more = found.size() > page.limit();
        List<Object[]> entries = more ? found.subList(0, page.limit()) : found;
        List<UserGroup> items = entries.stream().map(row -> userGroup(row, userId)).toList();
        String next = null;
        if (more) {
            Object[] last = entries.getLast();
            next = KeysetCursor.encode(GROUPS_OF_LIST, (String) last[NAME_KEY], last[0].toString());
        }
        return new Page<>(items, next);
    }

    /** A row of {@link #groupsOf}: the group, and the user's membership of the group it is reached through. */
    private UserGroup userGroup(Object[] row, UserId userId) {
        Group group = GroupRows.group(row, 0);
        GroupId via = new GroupId((UUID) row[VIA]);
        boolean direct = (Boolean) row[DIRECT];
        if (row[MEMBERSHIP + 1] != null) {
            GroupMemberJpaEntity membership = new GroupMemberJpaEntity();
            membership.groupId = via.value();
            membership.userId = userId.value();
            membership.orgId = (UUID) row[MEMBERSHIP];
            membership.role = (String) row[MEMBERSHIP + 1];
            membership.status = (String) row[MEMBERSHIP + 2];
            membership.joinedAt = ColumnValues.instant(row[MEMBERSHIP + 3]);
            membership.invitedBy = (String) row[MEMBERSHIP + 4];
            membership.validFrom = ColumnValues.instant(row[MEMBERSHIP + 5]);
            membership.validUntil = ColumnValues.instant(row[MEMBERSHIP + 6]);
            String permissions = (String) row[MEMBERSHIP + 7];
            membership.permissions = permissions == null || permissions.isEmpty() ? new String[0]
                    : permissions.split(",");
            membership.notificationOverride = (String) row[MEMBERSHIP + 8];
            Membership stored = MembershipMapper.toDomain(membership);
            readInThisTransaction().add(stored);
            return new UserGroup(group, stored, direct, via);
        }
        Objects.requireNonNull(row[COMPUTED + 1], "membership of the via group");
        // Nesting keeps a group and its subgroups in one org: the via group's org is this group's.
        Membership asMember = Membership.restore(via, group.orgIdOrNull(), userId, GroupRole.MEMBER,
                MembershipStatus.ACTIVE, ColumnValues.instant(row[COMPUTED]), null, null, null, Set.of(), null);
        return new UserGroup(group, asMember, direct, via,
                ColumnValues.enumOf(DynamicMembersStore.Via.class, (String) row[COMPUTED + 1]));
    }

    @Override
    public List<GroupId> removeFromOrg(OrgId orgId, UserId userId) {
        scope.enter(orgId);
        List<?> removed;
        try {
            em().flush();
            removed = new SqlQuery("with removed as (delete from group_members where org_id = :org"
                    + " and user_id = :user returning group_id) select group_id from removed")
                    .bind("org", orgId.value()).bind("user", userId.value()).plain(em()).getResultList();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
        em().clear();
        return removed.stream().map(id -> new GroupId((UUID) id)).toList();
    }

    @Override
    public List<Membership> removeEnded(Instant now, int limit) {
        return scope.acrossOrgs(() -> {
            List<Membership> ended;
            try {
                em().flush();
                ended = memberRows(new SqlQuery("with ended as (delete from group_members"
                        + " where (group_id, user_id) in (select group_id, user_id from group_members"
                        + " where valid_until <= :now order by valid_until, group_id, user_id limit :limit"
                        + " for update skip locked) returning *) select * from ended order by valid_until, group_id, user_id")
                        .bind("now", now).bind("limit", limit))
                        .stream().map(MembershipMapper::toDomain).toList();
            } catch (RuntimeException failure) {
                throw PersistenceFailures.translate(failure);
            }
            em().clear();
            return ended;
        });
    }

    private List<GroupMemberJpaEntity> memberRows(SqlQuery sql) {
        @SuppressWarnings("unchecked")
        List<GroupMemberJpaEntity> found = sql.entities(em(), GroupMemberJpaEntity.class).getResultList();
        return found;
    }

    private static GroupMemberJpaEntity.Key key(GroupId groupId, UserId userId) {
        return new GroupMemberJpaEntity.Key(groupId.value(), userId.value());
    }

    private EntityManager em() {
        return rows.getEntityManager();
    }
}
