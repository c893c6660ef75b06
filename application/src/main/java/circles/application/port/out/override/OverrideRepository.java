package circles.application.port.out.override;

import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The include and exclude lists of dynamic groups ({@link OverrideEntry}). A user is on each list of a group at most
 * once (a second entry is a conflict).
 */
public interface OverrideRepository {

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
