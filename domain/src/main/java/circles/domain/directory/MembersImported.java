package circles.domain.directory;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One batched notification for a bulk import: which members were created or changed, instead of one
 * {@link MemberChanged} per row.
 */
public record MembersImported(UUID eventId, OrgId orgId, List<UserId> createdUserIds, List<UserId> updatedUserIds,
                              Instant occurredAt) {
    public MembersImported {
        createdUserIds = List.copyOf(createdUserIds);
        updatedUserIds = List.copyOf(updatedUserIds);
    }
}
