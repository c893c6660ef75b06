package circles.domain.criterion.activity;

import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The activity that recency and score criteria read, per org; served outside the domain from stored events.
 * Windows are open at their start: an event counts when its {@code occurredAt} is after {@code after}
 * ({@code occurredAt > now − windowDays}). Each question comes for one member (explain, event-driven
 * checks) and for the whole org (evaluations), so that neither has to ask the other way.
 */
public interface ActivityData {
    /** The time of the member's latest event, if they have any. */
    Optional<Instant> lastActivity(OrgId orgId, UserId userId);

    /** The time of each member's latest event; members without events are absent. */
    Map<UserId, Instant> lastActivities(OrgId orgId);

    /** The member's sum of quantities per type over the events after {@code after}; types without events are absent. */
    Map<ActivityType, Long> totals(OrgId orgId, UserId userId, Set<ActivityType> types, Instant after);

    /** {@link #totals(OrgId, UserId, Set, Instant)} for every member of the org that has any. */
    Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after);

    /** Per type, the largest of those sums over the org's members with status active; types without any are absent. */
    Map<ActivityType, Long> maxima(OrgId orgId, Set<ActivityType> types, Instant after);
}
