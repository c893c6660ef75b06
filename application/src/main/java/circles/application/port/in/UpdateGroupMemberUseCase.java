package circles.application.port.in;

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

    record Command(GroupId groupId, UserId userId, GroupRole role, MembershipStatus status,
                   Optional<Instant> validFrom, Optional<Instant> validUntil, Set<GroupPermission> permissions,
                   Optional<NotificationOverride> notificationOverride) {
    }
}
