package circles.application.port.in.membership;

import circles.domain.group.GroupId;

public interface LeaveGroupUseCase {
    void leave(GroupId groupId);
}
