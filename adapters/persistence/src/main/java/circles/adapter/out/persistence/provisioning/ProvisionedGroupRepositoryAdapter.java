package circles.adapter.out.persistence.provisioning;

import circles.adapter.out.persistence.group.GroupJpaEntity;
import circles.adapter.out.persistence.group.GroupMapper;
import circles.adapter.out.persistence.group.GroupPanacheRepository;
import circles.adapter.out.persistence.member.OrgMemberRepositoryAdapter;
import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.provisioning.ProvisionedGroupRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

/**
 * Static org groups with their SCIM externalId and member-list version, and member changes written as single
 * statements over the named members: {@code insert ... on conflict do nothing} and {@code delete ... returning}.
 * Concurrent changes of one group therefore never lose each other's members (they meet only on the group row,
 * whose member-list version the database trigger of V6 moves).
 */
@ApplicationScoped
public class ProvisionedGroupRepositoryAdapter implements ProvisionedGroupRepository {
    private static final String LIST = "scim-groups";
    private static final String MEMBERS = "scim-group-members";
    /** Users named per statement: far below PostgreSQL's limit of bind parameters. */
    private static final int CHUNK = 5_000;
    /** SQL condition on a row {@code m} with org_id and user_id: the provider has not deleted that member (V18). */
    private static final String IN_VIEW = " not exists (select 1 from scim_users d where d.org_id = m.org_id"
            + " and d.user_id = m.user_id and d.deleted_at is not null)";

    private final GroupPanacheRepository groups;
    private final TenantScopeAdapter scope;

    @Inject
    ProvisionedGroupRepositoryAdapter(GroupPanacheRepository groups, TenantScopeAdapter scope) {
        this.groups = groups;
        this.scope = scope;
    }

    @Override
    public Optional<ProvisionedGroup> find(OrgId orgId, GroupId groupId) {
        scope.enter(orgId);
        @SuppressWarnings("unchecked")
        List<GroupJpaEntity> found = new SqlQuery("select g.* from groups g where g.id = :id and g.org_id = :org"
                + " and g.kind = 'static'").bind("id", groupId.value()).bind("org", orgId.value())
                .entities(em(), GroupJpaEntity.class).getResultList();
        return withState(found).stream().findFirst();
    }

    @Override
    public Page<ProvisionedGroup> list(OrgId orgId, PageRequest page) {
        scope.enter(orgId);
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), LIST);
        SqlQuery sql = new SqlQuery("select g.* from groups g where g.org_id = :org and g.kind = 'static'")
                .bind("org", orgId.value());
        if (cursor != null) {
            sql.append(" and g.id > :cursor_id", "cursor_id", cursor.uuid());
        }
        sql.append(" order by g.id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<GroupJpaEntity> found = sql.entities(em(), GroupJpaEntity.class).getResultList();
        boolean more = found.size() > page.limit();
        List<GroupJpaEntity> rows = more ? found.subList(0, page.limit()) : found;
        String next = more ? KeysetCursor.encode(LIST, null, rows.getLast().id.toString()) : null;
        return new Page<>(withState(rows), next);
    }

    @Override
    public void saveExternalId(OrgId orgId, GroupId groupId, String externalId) {
        scope.enter(orgId);
        try {
            em().flush();
            if (externalId == null) {
                new SqlQuery("delete from scim_groups where group_id = :group").bind("group", groupId.value())
                        .plain(em()).executeUpdate();
                return;
            }
            new SqlQuery("insert into scim_groups (group_id, org_id, external_id) values (:group, :org, :external)"
                    + " on conflict (group_id) do update set external_id = excluded.external_id")
                    .bind("group", groupId.value()).bind("org", orgId.value()).bind("external", externalId)
                    .plain(em()).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public List<UserId> inView(OrgId orgId, Collection<UserId> userIds) {
        scope.enter(orgId);
        List<String> found = new ArrayList<>();
        for (List<String> chunk : chunks(userIds)) {
            @SuppressWarnings("unchecked")
            List<String> rows = new SqlQuery("select m.user_id from org_members m where m.org_id = :org"
                    + " and m.user_id in (:users) and" + IN_VIEW).bind("org", orgId.value()).bind("users", chunk)
                    .plain(em()).getResultList();
            found.addAll(rows);
        }
        return found.stream().map(UserId::new).toList();
    }

    @Override
    public List<UserId> addMembers(Group group, Collection<UserId> userIds, Instant now) {
        List<String> added = new ArrayList<>();
        for (List<String> chunk : chunks(userIds)) {
            added.addAll(changed(new SqlQuery("with added as (insert into group_members (group_id, org_id, user_id,"
                    + " role, status, joined_at, permissions) select :group, m.org_id, m.user_id, 'member', 'active',"
                    + " :now, '{}' from org_members m where m.org_id = :org and m.user_id in (:users) and" + IN_VIEW
                    + " on conflict (group_id, user_id) do nothing returning user_id) select user_id from added")
                    .bind("group", group.id().value()).bind("org", group.orgIdOrNull().value())
                    .bind("now", micros(now)).bind("users", chunk)));
        }
        return added.stream().map(UserId::new).toList();
    }

    @Override
    public List<UserId> removeMembers(GroupId groupId, Collection<UserId> userIds) {
        List<String> removed = new ArrayList<>();
        for (List<String> chunk : chunks(userIds)) {
            removed.addAll(changed(new SqlQuery("with removed as (delete from group_members m where m.group_id = :group"
                    + " and m.user_id in (:users) and" + IN_VIEW + " returning m.user_id) select user_id from removed")
                    .bind("group", groupId.value()).bind("users", chunk)));
        }
        return removed.stream().map(UserId::new).toList();
    }

    @Override
    public List<UserId> retainOnly(GroupId groupId, Collection<UserId> userIds) {
        SqlQuery sql = new SqlQuery("with removed as (delete from group_members m where m.group_id = :group and"
                + IN_VIEW).bind("group", groupId.value());
        if (!userIds.isEmpty()) {
            sql.append(" and m.user_id not in (:users)", "users", OrgMemberRepositoryAdapter.values(userIds));
        }
        sql.append(" returning m.user_id) select user_id from removed");
        return changed(sql).stream().map(UserId::new).toList();
    }

    @Override
    public Page<MemberRef> members(GroupId groupId, PageRequest page) {
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), MEMBERS);
        SqlQuery sql = new SqlQuery("select m.user_id, o.display_name from group_members m"
                + " left join org_members o on o.org_id = m.org_id and o.user_id = m.user_id"
                + " where m.group_id = :group and" + IN_VIEW).bind("group", groupId.value());
        if (cursor != null) {
            sql.append(" and m.user_id > :cursor_id", "cursor_id", cursor.id());
        }
        sql.append(" order by m.user_id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<Object[]> found = sql.plain(em()).getResultList();
        return Pages.of(found, page, row -> new MemberRef(new UserId((String) row[0]), (String) row[1]),
                row -> KeysetCursor.encode(MEMBERS, null, (String) row[0]));
    }

    /** Runs a member change and returns the user ids it reports. */
    @SuppressWarnings("unchecked")
    private List<String> changed(SqlQuery sql) {
        try {
            em().flush();
            return (List<String>) sql.plain(em()).getResultList();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    private static List<List<String>> chunks(Collection<UserId> userIds) {
        List<String> values = OrgMemberRepositoryAdapter.values(userIds);
        List<List<String>> chunks = new ArrayList<>();
        for (int start = 0; start < values.size(); start += CHUNK) {
            chunks.add(values.subList(start, Math.min(values.size(), start + CHUNK)));
        }
        return chunks;
    }

    /** The groups with their externalId and member-list state, in the given order. */
    private List<ProvisionedGroup> withState(List<GroupJpaEntity> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> states = new SqlQuery("select g.id, g.members_version, g.members_changed_at, s.external_id"
                + " from groups g left join scim_groups s on s.group_id = g.id where g.id in (:ids)")
                .bind("ids", rows.stream().map(row -> row.id).toList())
                .plain(em()).getResultList();
        Map<UUID, Object[]> byId = new HashMap<>();
        states.forEach(state -> byId.put((UUID) state[0], state));
        return rows.stream().map(row -> {
            Object[] state = byId.get(row.id);
            return new ProvisionedGroup(GroupMapper.toDomain(row), (String) state[3],
                    ((Number) state[1]).longValue(), ColumnValues.instant(state[2]));
        }).toList();
    }

    private EntityManager em() {
        return groups.getEntityManager();
    }
}
