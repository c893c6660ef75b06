package circles.application.service.dynamic.engine;

import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.group.GroupRepository;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.shared.RuleViolation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code member_of} edges of a rule: checked against the org's groups and recorded for the dependents. */
final class RuleReferences {
    private final GroupRepository groups;
    private final GroupDependencies dependencies;

    RuleReferences(GroupRepository groups, GroupDependencies dependencies) {
        this.groups = groups;
        this.dependencies = dependencies;
    }

    /** The rule must read only groups of the same org and must not close a member_of cycle. */
    void checkAndRecord(Group group, Rule rule) {
        OrgId orgId = group.orgIdOrNull();
        Set<GroupId> referenced = rule.referencedGroups();
        dependencies.lock(orgId);
        for (GroupId id : referenced) {
            if (id.equals(group.id())) {
                throw RuleViolation.invalidField("rule", "a group's rule cannot refer to the group itself");
            }
            boolean sameOrg = groups.findById(id).map(other -> orgId.equals(other.orgIdOrNull())).orElse(false);
            if (!sameOrg) {
                throw RuleViolation.invalidField("rule", "member_of names group " + id
                        + ", which is not a group of this org");
            }
        }
        Set<GroupId> read = readThroughNesting(referenced);
        if (read.contains(group.id())) {
            throw RuleViolation.invalidField("rule", "member_of names a group that holds group " + group.id()
                    + " as a subgroup, so the group would read its own members");
        }
        List<GroupId> cycle = dependencies.cycleThrough(group.id(), orgId, read);
        if (!cycle.isEmpty()) {
            throw RuleViolation.invalidField("rule", "member_of would close a cycle: " + cycle.stream()
                    .map(GroupId::toString).collect(Collectors.joining(" -> ")));
        }
        dependencies.replace(group.id(), orgId, referenced);
    }

    /**
     * The groups whose members a rule reading {@code referenced} reads: a static group's effective members include the
     * computed members of the dynamic groups nested under it.
     */
    private Set<GroupId> readThroughNesting(Set<GroupId> referenced) {
        Set<GroupId> read = new HashSet<>(referenced);
        for (GroupId id : referenced) {
            if (groups.findById(id).map(Group::isDynamic).orElse(true)) {
                continue;
            }
            groups.descendants(id).stream().filter(Group::isDynamic).map(Group::id).forEach(read::add);
        }
        return read;
    }
}
