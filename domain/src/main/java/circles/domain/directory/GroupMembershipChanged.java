package circles.domain.directory;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's stored membership of a static org group began, ended, or changed its status or validity, so whether
 * they are an active effective member of that group (and of its ancestors) may differ now. Dynamic groups whose
 * rules read those groups ({@code member_of}) re-check the member.
 */
public record GroupMembershipChanged(UUID eventId, OrgId orgId, GroupId groupId, UserId userId, Instant occurredAt)
        implements DirectoryEvent {
    public GroupMembershipChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public Optional<UserId> member() {
        return Optional.of(userId);
    }

    public static GroupMembershipChanged of(OrgId orgId, GroupId groupId, UserId userId, Instant occurredAt) {
        return new GroupMembershipChanged(UUID.randomUUID(), orgId, groupId, userId, occurredAt);
    }
}
