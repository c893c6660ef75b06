package circles.application.port.in;

import circles.domain.group.GroupId;

public interface LeaveGroupUseCase {
    void leave(GroupId groupId);
}
