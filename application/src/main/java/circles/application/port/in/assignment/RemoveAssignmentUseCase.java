package circles.application.port.in.assignment;

import circles.domain.group.GroupId;

import java.util.UUID;

public interface RemoveAssignmentUseCase {
    void remove(GroupId groupId, UUID assignmentId);
}
