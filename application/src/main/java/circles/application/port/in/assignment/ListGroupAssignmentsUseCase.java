package circles.application.port.in.assignment;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.group.Assignment;
import circles.domain.group.GroupId;

public interface ListGroupAssignmentsUseCase {
    Page<Assignment> list(GroupId groupId, PageRequest page);
}
