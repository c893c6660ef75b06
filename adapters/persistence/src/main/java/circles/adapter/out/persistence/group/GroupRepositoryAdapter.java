package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.membership.MembershipRepositoryAdapter;
import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.adapter.out.persistence.sql.StaleWrites;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.NotFound;
import circles.domain.shared.Slug;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.lower;

/**
 * Groups. Operations that name an org (or save a group of one) work inside that org; those keyed by a group id
 * work in the org the use case entered; looking a group up by id, listing across orgs, counting members of listed
 * groups and claiming expired groups span orgs explicitly.
 */
@ApplicationScoped
public class GroupRepositoryAdapter implements GroupRepository {
    /** Nesting is at most 10 deep; the bound only guards the recursive queries against corrupt data. */
    public static final int MAX_DEPTH = 64;
    /**
     * The subgroups of the tree row {@code t}, for {@code cross join lateral (...)} in recursive queries. The lateral
     * form ("offset 0" keeps it from being flattened into a join) looks each level up through the parent index:
     * the planner cannot estimate recursive parts, and a join it guesses wrong would scan every group.
     */
    public static final String SUBGROUPS_OF_T = "select g.id from groups g where g.parent_id = t.id offset 0";

    private final GroupPanacheRepository rows;
    private final TenantScopeAdapter scope;
    private final Clock clock;

    @Inject
    GroupRepositoryAdapter(GroupPanacheRepository rows, TenantScopeAdapter scope, Clock clock) {
        this.rows = rows;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public Group save(Group group) {
        scope.enter(group.orgIdOrNull());
        GroupJpaEntity entity;
        try {
            if (group.version() == StaleWrites.NEVER_STORED) {
                entity = GroupMapper.newEntity(group);
                entity.version = StaleWrites.FIRST_VERSION;
                rows.persist(entity);
            } else {
                entity = rows.findById(group.id().value());
                if (entity == null) {
                    throw new NotFound("group", group.id());
                }
                StaleWrites.requireVersion("group", group.version(), entity.version);
                GroupMapper.copy(group, entity);
            }
            rows.flush();
        } catch (RuntimeException failure) {
            throw StaleWrites.isStale(failure)
                    ? StaleWrites.conflict(em(), "group", group.id(), group.version(),
                    "select version from groups where id = ?", group.id().value())
                    : PersistenceFailures.translate(failure);
        }
        return GroupMapper.toDomain(entity);
    }

    @Override
    public Optional<Group> findById(GroupId id) {
        return scope.acrossOrgs(() -> rows.findByIdOptional(id.value()).map(GroupMapper::toDomain));
    }

    @Override
    public void delete(List<GroupId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            em().flush();
            // One statement: the parent reference is checked at its end, so subgroups and parents go together.
            // Memberships and assignments follow by ON DELETE CASCADE.
            new SqlQuery("delete from groups where id in (:ids)").bind("ids", uuids(ids)).plain(em()).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
        em().clear();
    }

    @Override
    public boolean nameTaken(OrgId orgId, String name, GroupId except) {
        if (orgId == null) {
            return false;
        }
        scope.enter(orgId);
        SqlQuery sql = new SqlQuery("select exists (select 1 from groups g where g.org_id = :org"
                + " and g.name_key = lower(:name)").bind("org", orgId.value()).bind("name", name.strip());
        return exists(excluding(sql, except));
    }

    @Override
    public boolean slugTaken(OrgId orgId, Slug slug, GroupId except) {
        scope.enter(orgId);
        SqlQuery sql = orgId == null
                ? new SqlQuery("select exists (select 1 from groups g where g.org_id is null")
                : new SqlQuery("select exists (select 1 from groups g where g.org_id = :org").bind("org", orgId.value());
        sql.append(" and g.slug = :slug", "slug", slug.value());
        return exists(excluding(sql, except));
    }

    private static SqlQuery excluding(SqlQuery sql, GroupId except) {
        if (except != null) {
            sql.append(" and g.id <> :except", "except", except.value());
        }
        return sql.append(")");
    }

    @Override
    public List<Group> ancestors(GroupId id) {
        return groups(new SqlQuery("with recursive chain (id, depth) as ("
                + " select g.parent_id, 1 from groups g where g.id = :id and g.parent_id is not null"
                + " union all"
                + " select g.parent_id, c.depth + 1 from chain c join groups g on g.id = c.id"
                + " where g.parent_id is not null and c.depth < " + MAX_DEPTH + ")"
                + " select g.* from chain c join groups g on g.id = c.id order by c.depth").bind("id", id.value()));
    }

    @Override
    public List<Group> descendants(GroupId id) {
        return groups(new SqlQuery("with recursive tree (id, depth) as ("
                + " select g.id, 1 from groups g where g.parent_id = :id"
                + " union all"
                + " select c.id, t.depth + 1 from tree t cross join lateral (" + SUBGROUPS_OF_T + ") c"
                + " where t.depth < " + MAX_DEPTH + ")"
                + " select g.* from tree t join groups g on g.id = t.id order by t.depth, g.name_key, g.id")
                .bind("id", id.value()));
    }

    @Override
    public boolean hasSubgroups(GroupId id) {
        return exists(new SqlQuery("select exists (select 1 from groups g where g.parent_id = :id)")
                .bind("id", id.value()));
    }

    /**
     * Spans orgs: the ids come from reads that checked the caller's view already (a list may hold groups of several
     * orgs and standalone ones), and only counts leave this method.
     *
     * <p>One statement. A static group without subgroups whose members have no validity window is counted from the
     * count its row keeps (maintained by the membership triggers in the same transaction as every membership
     * write); only the others (with subgroups, with windowed members, dynamic) are counted at read time, since
     * their count depends on the tree or on the time of the read. The ids travel as one array parameter, so the
     * statement text, and its plan, is the same for every page.
     */
    @Override
    public Map<GroupId, Long> memberCounts(Collection<GroupId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        UUID[] values = uuids(ids).toArray(UUID[]::new);
        return JdbcWork.call(em(), connection -> {
            Map<GroupId, Long> counts = new HashMap<>();
            for (Object[] row : JdbcWork.rows(connection, scope.acrossOrgs(MEMBER_COUNTS),
                    connection.createArrayOf("uuid", values))) {
                counts.put(new GroupId((UUID) row[0]), ((Number) row[1]).longValue());
            }
            return counts;
        });
    }

    /**
     * The member counts of the groups of the array parameter: see {@link #memberCounts}. Whether a group has a
     * subgroup is a scalar subquery with a limit, probed through the parent index once per listed group (as an
     * {@code exists} the planner may hash it instead, reading every group of the table).
     */
    private static final String MEMBER_COUNTS = "select g.id, case when g.kind = 'static' and g.windowed_members = 0"
            + " and (select true from groups c where c.parent_id = g.id limit 1) is null then g.active_members"
            + " else (with recursive tree (id, depth) as ("
            + " select g.id, 0"
            + " union all"
            + " select c.id, t.depth + 1 from tree t cross join lateral (" + SUBGROUPS_OF_T + ") c"
            + " where t.depth < " + MAX_DEPTH + ")"
            + " select count(distinct m.user_id) from tree t cross join lateral (select * from ("
            + "(select m.user_id from group_members m where m.group_id = t.id and "
            + MembershipRepositoryAdapter.effectiveAt("m", "now()") + ")"
            // The computed members of a dynamic group in the tree count as members of it.
            + " union all (select d.user_id from dynamic_group_members d where d.group_id = t.id))"
            + " members offset 0) m) end"
            + " from groups g where g.id = any(?)";

    @Override
    public List<Group> autoAddGroups(OrgId orgId) {
        scope.enter(orgId);
        return groups(new SqlQuery("select g.* from groups g where g.org_id = :org and g.kind = 'static'"
                + " and g.status = 'active' and g.settings @> '{\"autoAddNewOrgMembers\": true}'"
                + " order by g.name_key, g.id").bind("org", orgId.value()));
    }

    @Override
    public List<Group> claimExpired(Instant now, int limit) {
        return scope.acrossOrgs(() -> groups(new SqlQuery("select g.* from groups g where g.status = 'active'"
                + " and g.expires_at <= :now order by g.expires_at, g.id limit :limit for update skip locked")
                .bind("now", now).bind("limit", limit)));
    }

    @Override
    public Page<Group> list(Query query, PageRequest page) {
        Sort sort = query.sort() == null ? Sort.NAME : query.sort();
        String list = listBinding(query, sort);
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select " + GroupRows.columns("g") + ", g.name_key from groups g where true");
        if (query.orgId() != null) {
            sql.append(" and g.org_id = :org", "org", query.orgId().value());
        }
        if (query.type() != null) {
            sql.append(" and g.type = :type", "type", lower(query.type()));
        }
        if (query.kind() != null) {
            sql.append(" and g.kind = :kind", "kind", lower(query.kind()));
        }
        if (query.parentId() != null) {
            sql.append(" and g.parent_id = :parent", "parent", query.parentId().value());
        }
        if (query.visibility() != null) {
            sql.append(" and g.visibility = :visibility", "visibility", lower(query.visibility()));
        }
        if (query.status() != null) {
            sql.append(" and g.status = :status", "status", lower(query.status()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            sql.append(" and (g.name_key like lower(:text) escape '\\' or g.slug like lower(:text) escape '\\'"
                    + " or lower(g.description) like lower(:text) escape '\\')", "text", Keyset.containing(query.text()));
            if (GroupSearchGrams.applies(query.text())) {
                // The candidates are read in the org the list reads (entered here) or across orgs, as the list.
                if (query.orgId() != null) {
                    scope.enter(query.orgId());
                }
                GroupSearchGrams.candidates(em(), scope, query.orgId(), Keyset.containing(query.text()),
                                GroupSearchGrams.cap(Pages.fetchSize(page)))
                        .ifPresent(ids -> sql.append(" and g.id = any(:candidates)", "candidates", ids));
            }
        }
        Viewer viewer = query.viewer();
        if (!viewer.platformAdmin()) {
            GroupVisibility.visibleTo(sql, viewer, clock.instant());
        }
        if (query.membership() != null) {
            GroupVisibility.membership(sql, viewer, query.membership());
        }
        if (cursor != null) {
            after(sql, sort, cursor);
        }
        sql.append(" order by " + order(sort) + " limit :limit", "limit", Pages.fetchSize(page));
        List<Object[]> found = query.orgId() != null ? inOrg(query.orgId(), sql) : page(sql, true);
        return Pages.of(found, page, row -> GroupRows.group(row, 0),
                row -> cursorAfter(list, sort, row));
    }

    /**
     * What a group list cursor is bound to: the sort, every filter and the caller, since what the list holds
     * depends on who asks.
     */
    private static String listBinding(Query query, Sort sort) {
        return String.join("\u0000", "groups", lower(sort), String.valueOf(query.orgId()),
                String.valueOf(query.type()), String.valueOf(query.kind()), String.valueOf(query.parentId()),
                String.valueOf(query.visibility()), String.valueOf(query.status()), String.valueOf(query.text()),
                String.valueOf(query.membership()), String.valueOf(query.viewer().userId()));
    }

    private List<Object[]> inOrg(OrgId orgId, SqlQuery sql) {
        scope.enter(orgId);
        return page(sql, false);
    }

    /** The rows of a list page, as plain values. */
    private List<Object[]> page(SqlQuery sql, boolean acrossOrgs) {
        SqlQuery.Positional statement = sql.positional();
        return JdbcWork.call(em(), connection -> acrossOrgs
                ? JdbcWork.rows(connection, scope.acrossOrgs(statement.sql()), statement.values())
                : JdbcWork.rows(connection, statement.sql(), statement.values()));
    }

    private static String order(Sort sort) {
        return switch (sort) {
            case NAME -> "g.name_key, g.id";
            case NAME_DESC -> "g.name_key desc, g.id desc";
            case CREATED_AT -> "g.created_at, g.id";
            case CREATED_AT_DESC -> "g.created_at desc, g.id desc";
        };
    }

    private static void after(SqlQuery sql, Sort sort, KeysetCursor cursor) {
        switch (sort) {
            case NAME, NAME_DESC -> Keyset.after(sql, "g.name_key", "g.id", sort == Sort.NAME_DESC, cursor.sortKey(),
                    cursor.uuid(), "select name_key from groups where id = :cursor_id");
            case CREATED_AT, CREATED_AT_DESC -> Keyset.after(sql, "g.created_at", "g.id",
                    sort == Sort.CREATED_AT_DESC, Instant.EPOCH.plus(cursor.sortKeyAsLong(), ChronoUnit.MICROS),
                    cursor.uuid(), null);
        }
    }

    /** The cursor after a list row ({@link GroupRows} columns, then the name key). */
    private static String cursorAfter(String list, Sort sort, Object[] last) {
        String key = switch (sort) {
            case NAME, NAME_DESC -> (String) last[GroupRows.COUNT];
            case CREATED_AT, CREATED_AT_DESC -> String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH,
                    ColumnValues.instant(last[20])));
        };
        return KeysetCursor.encode(list, key, last[0].toString());
    }

    private List<Group> groups(SqlQuery sql) {
        @SuppressWarnings("unchecked")
        List<GroupJpaEntity> found = sql.entities(em(), GroupJpaEntity.class).getResultList();
        return found.stream().map(GroupMapper::toDomain).toList();
    }

    private boolean exists(SqlQuery sql) {
        return (Boolean) sql.plain(em()).getSingleResult();
    }

    static List<UUID> uuids(Collection<GroupId> ids) {
        return ids.stream().map(GroupId::value).distinct().toList();
    }

    private EntityManager em() {
        return rows.getEntityManager();
    }
}
