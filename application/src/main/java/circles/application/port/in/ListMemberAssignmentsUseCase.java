package circles.application.port.in;

import circles.application.port.out.AssignmentRepository;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

/** What is assigned to a user through the groups they effectively belong to. */
public interface ListMemberAssignmentsUseCase {
    Page<AssignmentRepository.Reach> assignments(OrgId orgId, UserId userId, PageRequest page);
}
