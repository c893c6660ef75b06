package circles.domain.criterion.activity;

import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Activity events held in a list, answering as the stored activity does (an event counts when it occurred after the
 * window's start), and counting how often it is asked.
 */
final class EventLog implements ActivityData {
    record Event(UserId userId, ActivityType type, Instant occurredAt, long quantity) {
    }

    private final List<Event> events = new ArrayList<>();
    private final Predicate<UserId> active;
    int maximaReads;
    int singleReads;
    int orgReads;

    /** @param active which members count for the org maxima (the org's members with status active) */
    EventLog(Predicate<UserId> active) {
        this.active = active;
    }

    EventLog add(String userId, ActivityType type, Instant at, long quantity) {
        events.add(new Event(UserId.of(userId), type, at, quantity));
        return this;
    }

    @Override
    public Optional<Instant> lastActivity(OrgId orgId, UserId userId) {
        singleReads++;
        return events.stream().filter(e -> e.userId().equals(userId)).map(Event::occurredAt).max(Instant::compareTo);
    }

    @Override
    public Map<UserId, Instant> lastActivities(OrgId orgId) {
        orgReads++;
        Map<UserId, Instant> last = new HashMap<>();
        events.forEach(e -> last.merge(e.userId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b));
        return last;
    }

    @Override
    public Map<ActivityType, Long> totals(OrgId orgId, UserId userId, Set<ActivityType> types, Instant after) {
        singleReads++;
        return sums(types, after).getOrDefault(userId, Map.of());
    }

    @Override
    public Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after) {
        orgReads++;
        return sums(types, after);
    }

    @Override
    public Map<ActivityType, Long> maxima(OrgId orgId, Set<ActivityType> types, Instant after) {
        maximaReads++;
        Map<ActivityType, Long> maxima = new EnumMap<>(ActivityType.class);
        sums(types, after).forEach((user, sums) -> {
            if (active.test(user)) {
                sums.forEach((type, sum) -> maxima.merge(type, sum, Math::max));
            }
        });
        return maxima;
    }

    private Map<UserId, Map<ActivityType, Long>> sums(Set<ActivityType> types, Instant after) {
        Map<UserId, Map<ActivityType, Long>> sums = new HashMap<>();
        for (Event e : events) {
            if (types.contains(e.type()) && e.occurredAt().isAfter(after)) {
                sums.computeIfAbsent(e.userId(), u -> new EnumMap<>(ActivityType.class))
                        .merge(e.type(), e.quantity(), Long::sum);
            }
        }
        return sums;
    }
}
