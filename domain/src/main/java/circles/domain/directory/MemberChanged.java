package circles.domain.directory;

import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A member's profile, role or status changed (or the member arrived or left). Consumers such as dynamic-group
 * freshness react to it. {@code before} is null for a new member, {@code after} null for a removed one.
 * {@code changedFields} names what differs by wire name ({@code role}, {@code status}, the profile fields,
 * {@code customAttributes.<key>}); for an arrival or a departure, every field that holds a value.
 */
public record MemberChanged(UUID eventId, OrgId orgId, UserId userId, Set<String> changedFields, Snapshot before,
                            Snapshot after, Instant occurredAt) implements DirectoryEvent {
    public MemberChanged {
        changedFields = Set.copyOf(changedFields);
    }

    /** The change from {@code before} to {@code after} (either may be null, not both). */
    public static MemberChanged between(OrgId orgId, UserId userId, Snapshot before, Snapshot after,
                                        Instant occurredAt) {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change needs a before or an after");
        }
        Snapshot from = before == null ? Snapshot.NOBODY : before;
        Snapshot to = after == null ? Snapshot.NOBODY : after;
        return new MemberChanged(UUID.randomUUID(), orgId, userId, from.changedFields(to), before, after,
                occurredAt);
    }

    @Override
    public Optional<UserId> member() {
        return Optional.of(userId);
    }

    /** Whether anything differs: a change that changes nothing need not be published. */
    public boolean changesAnything() {
        return !changedFields.isEmpty();
    }

    /** The member as it was (or is) at one moment. */
    public record Snapshot(OrgRole role, MemberStatus status, MemberProfile profile) {
        /** Stands for "no member" when comparing an arrival or a departure. */
        static final Snapshot NOBODY = new Snapshot(null, null, MemberProfile.EMPTY);

        public Snapshot {
            profile = profile == null ? MemberProfile.EMPTY : profile;
        }

        public static Snapshot of(OrgMember member) {
            return new Snapshot(member.role(), member.status(), member.profile());
        }

        Set<String> changedFields(Snapshot other) {
            Set<String> changed = new LinkedHashSet<>();
            if (role != other.role) {
                changed.add("role");
            }
            if (status != other.status) {
                changed.add("status");
            }
            changed.addAll(profile.changedFields(other.profile));
            return changed;
        }
    }
}
