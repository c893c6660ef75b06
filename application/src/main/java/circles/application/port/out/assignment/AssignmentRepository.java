package circles.application.port.out.assignment;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface AssignmentRepository {
    void save(Assignment assignment);

    Optional<Assignment> find(GroupId groupId, UUID assignmentId);

    boolean exists(GroupId groupId, String resourceType, String resourceId);

    void delete(UUID assignmentId);

    Page<Assignment> list(GroupId groupId, PageRequest page);

    /** An assignment reaching a user, with the groups it reaches them through. */
    record Reach(Assignment assignment, List<GroupId> viaGroupIds) {
    }

    /** Everything assigned to the user through the static groups they effectively belong to in the org. */
    Page<Reach> reaching(OrgId orgId, UserId userId, Instant now, PageRequest page);
}
