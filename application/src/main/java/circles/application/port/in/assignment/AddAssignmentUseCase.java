package circles.application.port.in.assignment;

import circles.domain.group.Assignment;
import circles.domain.group.GroupId;

public interface AddAssignmentUseCase {
    Assignment assign(GroupId groupId, String resourceType, String resourceId);
}
