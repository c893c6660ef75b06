package circles.application.port.in;

import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.group.Assignment;
import circles.domain.group.GroupId;

public interface ListGroupAssignmentsUseCase {
    Page<Assignment> list(GroupId groupId, PageRequest page);
}
