package circles.application.port.in.membership;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;

/** Removes a member (rejecting a pending one is removing it). */
public interface RemoveGroupMemberUseCase {
    void remove(GroupId groupId, UserId userId);
}
