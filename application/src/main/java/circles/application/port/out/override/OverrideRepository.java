package circles.application.port.out.override;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The include and exclude lists of dynamic groups. An entry names a user, why, until when (optional) and who put
 * it there. A user is on each list of a group at most once (a second entry is a conflict).
 */
public interface OverrideRepository {

    enum Kind { INCLUDE, EXCLUDE }

    record OverrideEntry(UUID id, GroupId groupId, OrgId orgId, UserId userId, Kind kind, String reason,
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

        public boolean activeAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    void add(OverrideEntry entry);

    /** The group's entries, oldest first. */
    List<OverrideEntry> list(GroupId groupId, OrgId orgId);

    Optional<OverrideEntry> find(GroupId groupId, OrgId orgId, UUID overrideId);

    /** Removes the entry; false when the group has no such entry. */
    boolean remove(GroupId groupId, OrgId orgId, UUID overrideId);

    /**
     * Claims, across orgs, up to {@code limit} entries that expired at or before {@code now}, the oldest expiry
     * first (for the expiry job). A claimed entry is held until the current transaction ends; entries another
     * transaction holds are skipped, not waited for, so instances running at once never claim the same entry.
     */
    List<OverrideEntry> claimExpired(Instant now, int limit);
}
