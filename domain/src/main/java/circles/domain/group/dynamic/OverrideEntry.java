package circles.domain.group.dynamic;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a dynamic group's include or exclude list: it names a user, why (optional), until when (optional) and
 * who put it there. A user is on each list of a group at most once.
 */
public record OverrideEntry(UUID id, GroupId groupId, OrgId orgId, UserId userId, OverrideKind kind, String reason,
                            Instant expiresAt, UserId createdBy, Instant createdAt) {
    public OverrideEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        reason = reason == null || reason.isBlank() ? null : Require.text(reason, "reason", 1000);
    }

    /** An entry is in force until its expiry, which it does not reach (an entry without one is in force for good). */
    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
