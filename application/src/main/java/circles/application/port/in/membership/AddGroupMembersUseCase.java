package circles.application.port.in.membership;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.shared.Require;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Adds members in bulk: all of them or, when one is refused, none (with an error per refused item). */
public interface AddGroupMembersUseCase {
    int MAX_BATCH = 500;

    List<Membership> add(GroupId groupId, List<NewMember> members);

    record NewMember(UserId userId, GroupRole role, MembershipStatus status, Instant validFrom, Instant validUntil,
                     Set<GroupPermission> permissions) {
        public NewMember {
            Require.present(userId, "userId");
            role = role == null ? GroupRole.MEMBER : role;
            status = status == null ? MembershipStatus.ACTIVE : status;
            permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
        }
    }
}
