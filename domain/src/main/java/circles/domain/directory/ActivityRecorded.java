package circles.domain.directory;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One ingestion call stored activity of these members (their latest activity, and for a login their
 * {@code lastLoginAt}, may have moved): one batched notification per call instead of one per member, so that dynamic
 * groups with recency rules re-check exactly these members.
 */
public record ActivityRecorded(UUID eventId, OrgId orgId, List<UserId> userIds, Instant occurredAt)
        implements DirectoryEvent {
    public ActivityRecorded {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        userIds = List.copyOf(userIds);
    }

    public static ActivityRecorded of(OrgId orgId, List<UserId> userIds, Instant occurredAt) {
        return new ActivityRecorded(UUID.randomUUID(), orgId, userIds, occurredAt);
    }
}
