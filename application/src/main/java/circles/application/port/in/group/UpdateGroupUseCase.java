package circles.application.port.in.group;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.GroupSettings;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.shared.Slug;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a merge patch to a group. For every field: {@code null} leaves it unchanged,
 * {@code Optional.empty()} clears it, a value replaces it.
 */
public interface UpdateGroupUseCase {
    GroupView update(Command command);

    record Command(GroupId groupId, Long expectedVersion, Optional<String> name, Optional<String> description,
                   Optional<String> email, Optional<String> icon, Optional<String> color, Optional<Slug> slug,
                   Optional<GroupType> type, Optional<GroupId> parentId, Optional<Visibility> visibility,
                   Optional<UserId> reviewerId, Optional<GroupSettings> settings,
                   Optional<Map<String, Object>> metadata, Optional<Instant> expiresAt) {
    }
}
