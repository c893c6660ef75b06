package circles.application.port.in.membership;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.NotificationOverride;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Changes a membership (approving a pending one = status active). {@code null} leaves a field unchanged,
 * {@code Optional.empty()} clears it.
 */
public interface UpdateGroupMemberUseCase {
    Membership update(Command command);

    /**
     * The membership a change starts from (a merge patch is applied to it). Only direct memberships of static groups
     * change: a dynamic group is refused before its members are looked up.
     */
    Membership current(GroupId groupId, UserId userId);

    record Command(GroupId groupId, UserId userId, GroupRole role, MembershipStatus status,
                   Optional<Instant> validFrom, Optional<Instant> validUntil, Set<GroupPermission> permissions,
                   Optional<NotificationOverride> notificationOverride) {
    }
}
