package circles.application.port.out.dynamic;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.util.List;
import java.util.Set;

/**
 * The member_of graph of an org: which groups a dynamic group's rule refers to. The core keeps it acyclic
 * ({@link #cycleThrough} before {@link #replace}, under {@link #lock}) and re-evaluates dependents in
 * {@link #dependentsInOrder} after a group's members change.
 */
public interface GroupDependencies {
    /** Serialises changes of the org's graph until the current transaction ends. */
    void lock(OrgId orgId);

    /** Makes {@code dependsOn} the groups that {@code groupId} refers to (all of the same org). */
    void replace(GroupId groupId, OrgId orgId, Set<GroupId> dependsOn);

    /** The groups that {@code groupId} refers to directly. */
    Set<GroupId> dependenciesOf(GroupId groupId, OrgId orgId);

    /**
     * Every group that depends on {@code groupId}, directly or through others, each after all the groups of this
     * list it depends on (a topological order).
     */
    List<GroupId> dependentsInOrder(GroupId groupId, OrgId orgId);

    /**
     * The cycle that making {@code groupId} depend on {@code dependsOn} would close, as the path
     * {@code groupId -> ... -> groupId} along "depends on" (empty when there is none).
     */
    List<GroupId> cycleThrough(GroupId groupId, OrgId orgId, Set<GroupId> dependsOn);
}
