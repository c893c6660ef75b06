package circles.application.port.in;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.Membership;

public interface GetGroupMemberUseCase {
    Membership get(GroupId groupId, UserId userId);
}
