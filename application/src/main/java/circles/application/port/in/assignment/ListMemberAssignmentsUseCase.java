package circles.application.port.in.assignment;

import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

/** What is assigned to a user through the groups they effectively belong to. */
public interface ListMemberAssignmentsUseCase {
    Page<AssignmentRepository.Reach> assignments(OrgId orgId, UserId userId, PageRequest page);
}
