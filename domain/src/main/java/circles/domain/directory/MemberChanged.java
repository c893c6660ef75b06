package circles.domain.directory;

import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A member's profile, role or status changed (or the member arrived or left). Consumers such as dynamic-group
 * freshness react to it. {@code before} is null for a new member, {@code after} null for a removed one.
 */
public record MemberChanged(UUID eventId, OrgId orgId, UserId userId, Set<String> changedFields, Snapshot before,
                            Snapshot after, Instant occurredAt) {
    public MemberChanged {
        changedFields = Set.copyOf(changedFields);
    }

    /** The member as it was (or is) at one moment. */
    public record Snapshot(OrgRole role, MemberStatus status, MemberProfile profile) {
    }
}
