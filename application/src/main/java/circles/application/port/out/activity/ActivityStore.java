package circles.application.port.out.activity;

import circles.domain.activity.ActivityEvent;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Where activity events go: the raw events, unique per org by {@code eventId}, and their rollups per member, UTC day
 * and type (event count, sum of quantities, latest time). Call it inside a unit of work.
 */
public interface ActivityStore {
    /** An event with its position in the caller's batch. */
    record Numbered(int index, ActivityEvent event) {
    }

    /**
     * What {@link #write} did: how many events were new (and rolled up), how many had an eventId already stored,
     * the positions of the events naming no member of the org (not written), and the members of the new events.
     */
    record Written(int accepted, int duplicates, List<Integer> unknownMembers, Set<UserId> touched) {
        public Written {
            unknownMembers = List.copyOf(unknownMembers);
            touched = Set.copyOf(touched);
        }
    }

    /**
     * Stores the events (distinct eventIds) of members of the org whose eventId is new, adds them to the rollups and
     * moves each member's {@code lastLoginAt} forward to their latest new {@code login} event.
     */
    Written write(OrgId orgId, List<Numbered> events);

    /** Deletes the raw events of every org that occurred at or before {@code cutoff}; returns how many. */
    long deleteEventsUpTo(Instant cutoff);

    /** Deletes the rollups of every org for days before {@code day}; returns how many. */
    long deleteRollupsBefore(LocalDate day);
}
