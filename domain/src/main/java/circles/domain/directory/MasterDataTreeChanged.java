package circles.domain.directory;

import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The shape of one of an org's master-data trees (departments or locations) changed: the entry {@code key} was added
 * under a parent, moved, or removed, so the ancestors of {@code key} and of everything below it are not what they
 * were. Rules that test a position in that tree ({@code is_under}) must be judged again for the whole org.
 */
public record MasterDataTreeChanged(UUID eventId, OrgId orgId, MasterDataKind kind, MasterDataKey key,
                                    Instant occurredAt) implements DirectoryEvent {
    public MasterDataTreeChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!kind.isTree()) {
            throw new IllegalArgumentException(kind + " is a list, not a tree");
        }
    }

    public static MasterDataTreeChanged of(OrgId orgId, MasterDataKind kind, MasterDataKey key, Instant occurredAt) {
        return new MasterDataTreeChanged(UUID.randomUUID(), orgId, kind, key, occurredAt);
    }
}
