package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.AdvisoryLocks;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The member_of graph in {@code group_dependencies}, walked with recursive queries. The walks are bounded by the
 * number of groups of the org times {@link #MAX_DEPTH}, also should a cycle have slipped in.
 */
@ApplicationScoped
public class GroupDependenciesAdapter implements GroupDependencies {
    /** Longer chains of member_of than this are not followed (rules nest 8 deep; chains of groups rarely more). */
    static final int MAX_DEPTH = 64;

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    GroupDependenciesAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public void lock(OrgId orgId) {
        scope.enter(orgId);
        AdvisoryLocks.lock(em, "circles.group-dependencies:" + orgId);
    }

    @Override
    public void replace(GroupId groupId, OrgId orgId, Set<GroupId> dependsOn) {
        scope.enter(orgId);
        JdbcWork.call(em, connection -> {
            Array targets = uuids(connection, dependsOn);
            JdbcWork.update(connection, "delete from group_dependencies where group_id = ? and org_id = ?"
                    + " and not (depends_on_group_id = any(?))", groupId.value(), orgId.value(), targets);
            return JdbcWork.update(connection, "insert into group_dependencies (group_id, depends_on_group_id, org_id)"
                    + " select ?, d, ? from unnest(?) d on conflict do nothing", groupId.value(), orgId.value(),
                    targets);
        });
    }

    @Override
    public Set<GroupId> dependenciesOf(GroupId groupId, OrgId orgId) {
        scope.enter(orgId);
        return ids(JdbcWork.call(em, connection -> JdbcWork.texts(connection, "select depends_on_group_id"
                + " from group_dependencies where group_id = ? and org_id = ? order by 1", groupId.value(),
                orgId.value())));
    }

    @Override
    public List<GroupId> dependentsInOrder(GroupId groupId, OrgId orgId) {
        scope.enter(orgId);
        // A dependent's place is the length of the longest path from the group to it: every group it depends on
        // inside this list has a shorter longest path, so it comes earlier.
        return List.copyOf(ids(JdbcWork.call(em, connection -> JdbcWork.texts(connection,
                "with recursive reach (id, depth) as ("
                        + " select d.group_id, 1 from group_dependencies d"
                        + " where d.depends_on_group_id = ? and d.org_id = ?"
                        + " union"
                        + " select d.group_id, r.depth + 1 from reach r join group_dependencies d"
                        + " on d.depends_on_group_id = r.id and d.org_id = ? where r.depth < ?)"
                        + " select id from reach group by id order by max(depth), id",
                groupId.value(), orgId.value(), orgId.value(), MAX_DEPTH))));
    }

    @Override
    public List<GroupId> cycleThrough(GroupId groupId, OrgId orgId, Set<GroupId> dependsOn) {
        if (dependsOn.contains(groupId)) {
            return List.of(groupId, groupId);
        }
        scope.enter(orgId);
        // Walk "depends on" from each new dependency; reaching the group closes a cycle.
        List<String> path = JdbcWork.call(em, connection -> {
            List<String> found = JdbcWork.texts(connection, "with recursive walk (id, path) as ("
                            + " select d, array[d] from unnest(?) d"
                            + " union all"
                            + " select g.depends_on_group_id, w.path || g.depends_on_group_id from walk w"
                            + " join group_dependencies g on g.group_id = w.id and g.org_id = ?"
                            + " where w.id <> ? and not g.depends_on_group_id = any(w.path)"
                            + " and cardinality(w.path) < ?)"
                            + " select array_to_string(path, ',') from walk where id = ?"
                            + " order by cardinality(path) limit 1",
                    uuids(connection, dependsOn), orgId.value(), groupId.value(), MAX_DEPTH, groupId.value());
            return found;
        });
        if (path.isEmpty()) {
            return List.of();
        }
        List<GroupId> cycle = new java.util.ArrayList<>();
        cycle.add(groupId);
        for (String id : path.getFirst().split(",")) {
            cycle.add(new GroupId(UUID.fromString(id)));
        }
        return List.copyOf(cycle);
    }

    private static Array uuids(Connection connection, Set<GroupId> groups) throws SQLException {
        return connection.createArrayOf("uuid", groups.stream().map(GroupId::value).toArray());
    }

    private static Set<GroupId> ids(List<String> values) {
        Set<GroupId> ids = new LinkedHashSet<>();
        values.forEach(value -> ids.add(new GroupId(UUID.fromString(value))));
        return ids;
    }
}
