package circles.application;

import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class InMemoryAssignmentRepository implements AssignmentRepository {
    private final InMemoryDatabase db;

    public InMemoryAssignmentRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void save(Assignment assignment) {
        db.requireTransaction();
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

    @Override
    public Page<Reach> reaching(OrgId orgId, UserId userId, Instant now, PageRequest page) {
        // group -> the user's direct groups that make them an effective member of it
        Map<GroupId, List<GroupId>> via = new LinkedHashMap<>();
        for (Membership membership : db.memberships.values()) {
            if (!membership.userId().equals(userId) || !orgId.equals(membership.orgId())
                    || !membership.isEffectiveAt(now)) {
                continue;
            }
            List<Group> reached = new ArrayList<>(List.of(db.groups.get(membership.groupId())));
            reached.addAll(db.ancestorsOf(membership.groupId()));
            for (Group group : reached) {
                if (group.kind() == GroupKind.STATIC) {
                    via.computeIfAbsent(group.id(), id -> new ArrayList<>()).add(membership.groupId());
                }
            }
        }
        return InMemoryDatabase.page(db.assignments.values().stream()
                .filter(assignment -> via.containsKey(assignment.groupId()))
                .sorted(Comparator.comparing(Assignment::assignedAt).thenComparing(Assignment::id))
                .map(assignment -> new Reach(assignment, List.copyOf(via.get(assignment.groupId()))))
                .toList(), page);
    }
}
