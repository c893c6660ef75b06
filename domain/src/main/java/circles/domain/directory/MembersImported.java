package circles.domain.directory;

import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.UUID;

/**
 * One batched notification for a bulk import, instead of one {@link MemberChanged} per row: how many members it
 * created and changed. It carries counts, not ids: an import may touch millions of members, and what handles the
 * event re-reads the org's members anyway.
 */
public record MembersImported(UUID eventId, OrgId orgId, int created, int updated, Instant occurredAt)
        implements DirectoryEvent {
    public MembersImported {
        if (created < 0 || updated < 0) {
            throw new IllegalArgumentException("counts of imported members cannot be negative");
        }
    }

    /** Whether the import created or changed any member at all. */
    public boolean changedAny() {
        return created + updated > 0;
    }
}
