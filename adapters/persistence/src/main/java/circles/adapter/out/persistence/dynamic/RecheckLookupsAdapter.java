package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.group.GroupRepositoryAdapter;
import circles.adapter.out.persistence.member.OrgMemberJpaEntity;
import circles.adapter.out.persistence.member.OrgMemberMapper;
import circles.adapter.out.persistence.membership.MembershipRepositoryAdapter;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.RecheckLookups;
import circles.domain.actor.UserId;
import circles.domain.criterion.EvaluationContext;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;

/**
 * The lookups of the per-member re-check, each one statement on an index: members by key, an email through the
 * {@code lower(email)} index (plus the few non-ASCII emails, which PostgreSQL folds differently from Java), a
 * member's static groups walked upwards from their memberships, and a subtree of the reporting lines walked
 * downwards through the manager index. Rows are read with plain JDBC, so nothing lands in the persistence context
 * that every later flush would have to check.
 */
@ApplicationScoped
public class RecheckLookupsAdapter implements RecheckLookups {
    private static final String MEMBER_COLUMNS = "user_id, org_id, role, status, email, display_name, department,"
            + " location, job_title, manager_id, org_unit_path, employee_type, cost_center, user_type,"
            + " custom_attributes::text, last_login_at, joined_at, version, updated_at";

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    RecheckLookupsAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public List<StoredRule> activeRules(OrgId orgId) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> JdbcWork.rows(connection, "select id, rule::text from groups"
                        + " where org_id = ? and kind = 'dynamic' and status = 'active' and rule is not null order by id",
                orgId.value())).stream()
                .map(row -> new StoredRule(new GroupId((UUID) row[0]), RuleColumn.read((String) row[1]))).toList();
    }

    @Override
    public Map<UserId, OrgMember> members(OrgId orgId, Collection<UserId> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            Map<UserId, OrgMember> members = new HashMap<>();
            for (Object[] row : JdbcWork.rows(connection, "select " + MEMBER_COLUMNS + " from org_members"
                    + " where org_id = ? and user_id = any(?)", orgId.value(), texts(connection, userIds))) {
                OrgMember member = member(row);
                members.put(member.userId(), member);
            }
            return members;
        });
    }

    private static OrgMember member(Object[] row) {
        OrgMemberJpaEntity entity = new OrgMemberJpaEntity();
        entity.userId = (String) row[0];
        entity.orgId = (UUID) row[1];
        entity.role = (String) row[2];
        entity.status = (String) row[3];
        entity.email = (String) row[4];
        entity.displayName = (String) row[5];
        entity.department = (String) row[6];
        entity.location = (String) row[7];
        entity.jobTitle = (String) row[8];
        entity.managerId = (String) row[9];
        entity.orgUnitPath = (String) row[10];
        entity.employeeType = (String) row[11];
        entity.costCenter = (String) row[12];
        entity.userType = (String) row[13];
        entity.customAttributes = (String) row[14];
        entity.lastLoginAt = JdbcWork.instant(row[15]);
        entity.joinedAt = JdbcWork.instant(row[16]);
        entity.version = ((Number) row[17]).longValue();
        entity.updatedAt = JdbcWork.instant(row[18]);
        return OrgMemberMapper.toDomain(entity);
    }

    @Override
    public Optional<UserId> memberByEmail(OrgId orgId, String email) {
        String folded = email.strip().toLowerCase(Locale.ROOT);
        scope.enter(orgId);
        // Stored emails are stripped already. An ASCII email folds alike in both; the others are few and judged here.
        List<Object[]> rows = JdbcWork.call(em, connection -> JdbcWork.rows(connection, "select user_id, email"
                + " from org_members where org_id = ? and lower(email) = ?"
                + " union all select user_id, email from org_members where org_id = ?"
                + " and octet_length(email) <> char_length(email)", orgId.value(), folded, orgId.value()));
        return rows.stream()
                .filter(row -> ((String) row[1]).strip().toLowerCase(Locale.ROOT).equals(folded))
                .map(row -> new UserId((String) row[0]))
                .sorted().findFirst();
    }

    @Override
    public Set<GroupId> staticGroupsOf(OrgId orgId, UserId userId, Instant now) {
        scope.enter(orgId);
        // As listEffective sees it from the group's side: an effective membership of the group or of a subgroup
        // at most MAX_DEPTH levels below it.
        List<String> ids = JdbcWork.call(em, connection -> JdbcWork.texts(connection, "with recursive up (id, depth)"
                        + " as (select m.group_id, 0 from group_members m where m.org_id = ? and m.user_id = ? and "
                        + MembershipRepositoryAdapter.effectiveAt("m", "?")
                        + " union all select g.parent_id, u.depth + 1 from up u cross join lateral ("
                        + "select g.parent_id from groups g where g.id = u.id offset 0) g"
                        + " where g.parent_id is not null and u.depth < " + GroupRepositoryAdapter.MAX_DEPTH + ")"
                        + " select distinct id from up",
                orgId.value(), userId.value(), now, now));
        Set<GroupId> groups = new LinkedHashSet<>();
        ids.forEach(id -> groups.add(new GroupId(UUID.fromString(id))));
        return groups;
    }

    @Override
    public List<OverrideEntry> overridesOf(OrgId orgId, Collection<UserId> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> JdbcWork.rows(connection, "select id, group_id, org_id, user_id,"
                        + " kind, reason, expires_at, created_by, created_at from group_overrides"
                        + " where org_id = ? and user_id = any(?) order by created_at, id",
                orgId.value(), texts(connection, userIds))).stream()
                .map(row -> new OverrideEntry((UUID) row[0], new GroupId((UUID) row[1]),
                        new OrgId((UUID) row[2]), new UserId((String) row[3]),
                        enumOf(OverrideKind.class, (String) row[4]), (String) row[5],
                        JdbcWork.instant(row[6]), row[7] == null ? null : new UserId((String) row[7]),
                        JdbcWork.instant(row[8])))
                .toList();
    }

    @Override
    public Map<UserId, Map<GroupId, DynamicMembersStore.Via>> computedOf(OrgId orgId, Collection<UserId> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        scope.enter(orgId);
        Map<UserId, Map<GroupId, DynamicMembersStore.Via>> computed = new HashMap<>();
        for (Object[] row : JdbcWork.call(em, connection -> JdbcWork.rows(connection, "select user_id, group_id, via"
                + " from dynamic_group_members where org_id = ? and user_id = any(?)", orgId.value(),
                texts(connection, userIds)))) {
            computed.computeIfAbsent(new UserId((String) row[0]), id -> new LinkedHashMap<>())
                    .put(new GroupId((UUID) row[1]), enumOf(DynamicMembersStore.Via.class, (String) row[2]));
        }
        return computed;
    }

    @Override
    public List<UserId> reportsBelow(OrgId orgId, UserId managerId, int limit) {
        scope.enter(orgId);
        // Breadth first through the manager index; the depth bound also ends a cycle in bad data.
        return JdbcWork.call(em, connection -> JdbcWork.texts(connection, "with recursive below (user_id, depth) as ("
                        + " select r.user_id, 1 from org_members r where r.org_id = ? and r.manager_id = ?"
                        + " union all select r.user_id, b.depth + 1 from below b join org_members r"
                        + " on r.org_id = ? and r.manager_id = b.user_id where r.user_id <> ? and b.depth < ?)"
                        + " select user_id from below limit ?",
                orgId.value(), managerId.value(), orgId.value(), managerId.value(), EvaluationContext.MAX_CHAIN,
                limit)).stream().map(UserId::new).distinct().toList();
    }

    private static Array texts(Connection connection, Collection<UserId> userIds) throws SQLException {
        return connection.createArrayOf("text", userIds.stream().map(UserId::value).distinct().toArray());
    }
}
