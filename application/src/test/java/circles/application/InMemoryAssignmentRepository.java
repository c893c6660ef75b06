package circles.application;

import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupStatus;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.UUID;

public final class InMemoryAssignmentRepository implements AssignmentRepository {
    /** Group ids in the order the database sorts their text. */
    private static final Comparator<GroupId> AS_TEXT = Comparator.comparing((GroupId id) -> id.value().toString());

    private final InMemoryDatabase db;

    public InMemoryAssignmentRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void save(Assignment assignment) {
        db.requireTransaction();
        if (!db.groups.containsKey(assignment.groupId())) {
            throw new NotFound("group", assignment.groupId());
        }
        // As the table's unique key does: a resource is assigned to a group once, even past the use case's check.
        if (exists(assignment.groupId(), assignment.resourceType(), assignment.resourceId())) {
            throw new Conflict("assignment-exists", "the resource is assigned to the group already");
        }
        db.assignments.put(assignment.id(), assignment);
    }

    @Override
    public Optional<Assignment> find(GroupId groupId, UUID assignmentId) {
        return Optional.ofNullable(db.assignments.get(assignmentId))
                .filter(assignment -> assignment.groupId().equals(groupId));
    }

    @Override
    public boolean exists(GroupId groupId, String resourceType, String resourceId) {
        return db.assignments.values().stream().anyMatch(assignment -> assignment.groupId().equals(groupId)
                && assignment.resourceType().equals(resourceType) && assignment.resourceId().equals(resourceId));
    }

    @Override
    public void delete(UUID assignmentId) {
        db.requireTransaction();
        db.assignments.remove(assignmentId);
    }

    @Override
    public Page<Assignment> list(GroupId groupId, PageRequest page) {
        return InMemoryDatabase.page(db.assignments.values().stream()
                .filter(assignment -> assignment.groupId().equals(groupId))
                .sorted(Comparator.comparing(Assignment::assignedAt).thenComparing(Assignment::id))
                .toList(), page);
    }

    /**
     * As the database does: one entry per resource, ordered by resource type and id, carrying its earliest
     * assignment to an active static group the user effectively belongs to (their own groups and the groups above
     * them), and every own group of the user through which the resource reaches them.
     */
    @Override
    public Page<Reach> reaching(OrgId orgId, UserId userId, Instant now, PageRequest page) {
        // group -> the user's direct groups that make them an effective member of it
        Map<GroupId, Set<GroupId>> via = new LinkedHashMap<>();
        for (Membership membership : db.memberships.values()) {
            if (!membership.userId().equals(userId) || !orgId.equals(membership.orgId())
                    || !membership.isEffectiveAt(now)) {
                continue;
            }
            List<Group> reached = new ArrayList<>(List.of(db.groups.get(membership.groupId())));
            reached.addAll(db.ancestorsOf(membership.groupId()));
            for (Group group : reached) {
                if (group.kind() == GroupKind.STATIC && group.status() == GroupStatus.ACTIVE) {
                    via.computeIfAbsent(group.id(), id -> new TreeSet<>(AS_TEXT))
                            .add(membership.groupId());
                }
            }
        }
        Map<List<String>, List<Assignment>> perResource = db.assignments.values().stream()
                .filter(assignment -> via.containsKey(assignment.groupId()))
                .collect(Collectors.groupingBy(a -> List.of(a.resourceType(), a.resourceId()), LinkedHashMap::new,
                        Collectors.toList()));
        Comparator<List<String>> byResource = Comparator.comparing((List<String> r) -> r.get(0))
                .thenComparing(r -> r.get(1));
        return InMemoryDatabase.page(perResource.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(byResource))
                .map(entry -> {
                    Assignment first = entry.getValue().stream().min(Comparator.comparing(Assignment::assignedAt)
                            .thenComparing(Assignment::id)).orElseThrow();
                    Set<GroupId> ways = new TreeSet<>(AS_TEXT);
                    entry.getValue().forEach(assignment -> ways.addAll(via.get(assignment.groupId())));
                    return new Reach(first, List.copyOf(ways));
                })
                .toList(), page);
    }
}
