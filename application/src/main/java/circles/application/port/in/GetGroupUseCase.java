package circles.application.port.in;

import circles.domain.group.GroupId;

public interface GetGroupUseCase {
    GroupView get(GroupId groupId);
}
