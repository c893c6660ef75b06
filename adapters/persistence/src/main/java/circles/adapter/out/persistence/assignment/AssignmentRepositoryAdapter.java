package circles.adapter.out.persistence.assignment;

import circles.adapter.out.persistence.group.GroupJpaEntity;
import circles.adapter.out.persistence.group.GroupRepositoryAdapter;
import circles.adapter.out.persistence.membership.MembershipRepositoryAdapter;
import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Content assigned to static groups. An assignment belongs to its group's org; as the domain's assignment does not
 * name the org, saving one reads it from the group, in the org the use case entered.
 */
@ApplicationScoped
public class AssignmentRepositoryAdapter implements AssignmentRepository {
    private static final String LIST = "assignments";
    private static final String REACHING_LIST = "assignments-reaching";

    private final AssignmentPanacheRepository rows;
    private final TenantScopeAdapter scope;

    @Inject
    AssignmentRepositoryAdapter(AssignmentPanacheRepository rows, TenantScopeAdapter scope) {
        this.rows = rows;
        this.scope = scope;
    }

    @Override
    public void save(Assignment assignment) {
        GroupJpaEntity group = em().find(GroupJpaEntity.class, assignment.groupId().value());
        if (group == null) {
            throw new NotFound("group", assignment.groupId());
        }
        try {
            rows.persist(AssignmentMapper.newEntity(assignment, group.orgId));
            rows.flush();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public Optional<Assignment> find(GroupId groupId, UUID assignmentId) {
        return rows.findByIdOptional(assignmentId)
                .filter(entity -> entity.groupId.equals(groupId.value()))
                .map(AssignmentMapper::toDomain);
    }

    @Override
    public boolean exists(GroupId groupId, String resourceType, String resourceId) {
        return rows.count("groupId = ?1 and resourceType = ?2 and resourceId = ?3", groupId.value(), resourceType,
                resourceId) > 0;
    }

    @Override
    public void delete(UUID assignmentId) {
        AssignmentJpaEntity entity = rows.findById(assignmentId);
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
    public Page<Assignment> list(GroupId groupId, PageRequest page) {
        String list = String.join("\u0000", LIST, groupId.toString());
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select a.* from assignments a where a.group_id = :group")
                .bind("group", groupId.value());
        if (cursor != null) {
            Keyset.after(sql, "a.assigned_at", "a.id", false,
                    Instant.EPOCH.plus(cursor.sortKeyAsLong(), ChronoUnit.MICROS), cursor.uuid(), null);
        }
        sql.append(" order by a.assigned_at, a.id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<AssignmentJpaEntity> found = sql.entities(em(), AssignmentJpaEntity.class).getResultList();
        return Pages.of(found, page, AssignmentMapper::toDomain, row -> KeysetCursor.encode(list,
                String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, row.assignedAt)), row.id.toString()));
    }

    /**
     * One entry per resource, ordered by resource type and id: the earliest assignment of it to an active static
     * group the user is an effective member of (their own groups and the groups above them), and the user's own
     * groups (direct, effective memberships and computed memberships of dynamic groups) through which it reaches
     * them.
     */
    @Override
    public Page<Reach> reaching(OrgId orgId, UserId userId, Instant now, PageRequest page) {
        scope.enter(orgId);
        String list = String.join("\u0000", REACHING_LIST, orgId.toString(), String.valueOf(userId));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("with recursive own (group_id) as ("
                + " select m.group_id from group_members m where m.user_id = :user"
                + " and m.org_id = :org and " + MembershipRepositoryAdapter.effectiveAt("m", ":now")
                // A computed member of a dynamic group reaches what its static ancestors carry.
                + " union all select d.group_id from dynamic_group_members d where d.user_id = :user"
                + " and d.org_id = :org)"
                + ", reach (group_id, via, depth) as ("
                + " select o.group_id, o.group_id, 0 from own o"
                + " union all"
                + " select p.parent_id, r.via, r.depth + 1 from reach r cross join lateral ("
                + "select g.parent_id from groups g where g.id = r.group_id offset 0) p"
                + " where p.parent_id is not null and r.depth < " + GroupRepositoryAdapter.MAX_DEPTH + ")"
                + ", reached as (select r.group_id, r.via from reach r join groups g on g.id = r.group_id"
                + " where g.kind = 'static' and g.status = 'active')"
                + ", per_resource as (select a.resource_type, a.resource_id,"
                + " (array_agg(a.id order by a.assigned_at, a.id))[1] as first_id,"
                + " string_agg(distinct r.via::text, ',' order by r.via::text) as via_groups"
                + " from assignments a join reached r on r.group_id = a.group_id"
                + " group by a.resource_type, a.resource_id)"
                + " select a.*, pr.via_groups from per_resource pr join assignments a on a.id = pr.first_id"
                + " where true")
                .bind("user", userId.value()).bind("org", orgId.value()).bind("now", now);
        if (cursor != null) {
            if (cursor.sortKey() == null) {
                throw KeysetCursor.invalid();
            }
            Keyset.after(sql, "pr.resource_type", "pr.resource_id", false, cursor.sortKey(), cursor.id(), null);
        }
        sql.append(" order by pr.resource_type, pr.resource_id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<Object[]> found = sql.mapped(em(), AssignmentJpaEntity.WITH_GROUPS).getResultList();
        return Pages.of(found, page,
                row -> new Reach(AssignmentMapper.toDomain((AssignmentJpaEntity) row[0]),
                        Arrays.stream(((String) row[1]).split(",")).map(id -> new GroupId(UUID.fromString(id)))
                                .toList()),
                row -> KeysetCursor.encode(list, ((AssignmentJpaEntity) row[0]).resourceType,
                        ((AssignmentJpaEntity) row[0]).resourceId));
    }

    private EntityManager em() {
        return rows.getEntityManager();
    }
}
