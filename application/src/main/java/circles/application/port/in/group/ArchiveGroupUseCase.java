package circles.application.port.in.group;

import circles.domain.group.GroupId;

public interface ArchiveGroupUseCase {
    GroupView archive(GroupId groupId);

    GroupView unarchive(GroupId groupId);
}
