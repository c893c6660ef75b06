package circles.application.port.in.group;

import circles.domain.group.GroupId;

public interface GetGroupUseCase {
    GroupView get(GroupId groupId);
}
