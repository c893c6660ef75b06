package circles.application;

import circles.application.port.out.dynamic.GroupDependencies;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.RuleViolation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member_of graph in memory: which groups each group's rule refers to. As in the table, both ends of a
 * dependency are groups of one org, and the graph of an org is read only through that org.
 */
public final class InMemoryGroupDependencies implements GroupDependencies {
    private final InMemoryDatabase db;
    private final Map<GroupId, Set<GroupId>> dependsOn = new LinkedHashMap<>();

    public InMemoryGroupDependencies(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void lock(OrgId orgId) {
        db.requireTransaction();
    }

    @Override
    public void replace(GroupId groupId, OrgId orgId, Set<GroupId> referenced) {
        db.requireTransaction();
        if (!ofOrg(groupId, orgId) || !referenced.stream().allMatch(target -> ofOrg(target, orgId))) {
            // The table's foreign keys: both ends are groups of the org.
            throw new RuleViolation("reference-missing", "the change refers to something that does not exist"
                    + " (group_dependencies_depends_on_fk)");
        }
        dependsOn.put(groupId, new LinkedHashSet<>(referenced));
    }

    private boolean ofOrg(GroupId groupId, OrgId orgId) {
        Group group = db.groups.get(groupId);
        return group != null && group.orgId().filter(orgId::equals).isPresent();
    }

    @Override
    public Set<GroupId> dependenciesOf(GroupId groupId, OrgId orgId) {
        return ofOrg(groupId, orgId) ? Set.copyOf(dependsOn.getOrDefault(groupId, Set.of())) : Set.of();
    }

    @Override
    public List<GroupId> dependentsInOrder(GroupId groupId, OrgId orgId) {
        if (!ofOrg(groupId, orgId)) {
            return List.of();
        }
        Set<GroupId> dependents = new LinkedHashSet<>();
        Deque<GroupId> next = new ArrayDeque<>(List.of(groupId));
        while (!next.isEmpty()) {
            GroupId current = next.poll();
            dependsOn.forEach((group, targets) -> {
                if (targets.contains(current) && dependents.add(group)) {
                    next.add(group);
                }
            });
        }
        List<GroupId> ordered = new ArrayList<>();
        while (ordered.size() < dependents.size()) {
            for (GroupId candidate : dependents) {
                boolean ready = !ordered.contains(candidate) && dependsOn.getOrDefault(candidate, Set.of()).stream()
                        .noneMatch(target -> dependents.contains(target) && !ordered.contains(target));
                if (ready) {
                    ordered.add(candidate);
                }
            }
        }
        return ordered;
    }

    @Override
    public List<GroupId> cycleThrough(GroupId groupId, OrgId orgId, Set<GroupId> referenced) {
        for (GroupId start : referenced) {
            List<GroupId> path = pathTo(start, groupId, new LinkedHashSet<>());
            if (path != null) {
                List<GroupId> cycle = new ArrayList<>(List.of(groupId));
                cycle.addAll(path);
                return cycle;
            }
        }
        return List.of();
    }

    /** The path from {@code from} to {@code to} along "depends on", or null. */
    private List<GroupId> pathTo(GroupId from, GroupId to, Set<GroupId> seen) {
        if (from.equals(to)) {
            return new ArrayList<>(List.of(to));
        }
        if (!seen.add(from)) {
            return null;
        }
        for (GroupId next : dependsOn.getOrDefault(from, Set.of())) {
            List<GroupId> rest = pathTo(next, to, seen);
            if (rest != null) {
                rest.addFirst(from);
                return rest;
            }
        }
        return null;
    }
}
