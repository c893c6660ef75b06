package circles.application;

import circles.application.port.out.activity.ActivityReader;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Activity events held in a list, answering as the stored activity does: an event counts in a window when it
 * occurred after the window's start, and org maxima are taken over the members with status active.
 */
public final class InMemoryActivity implements ActivityReader {
    private record Event(OrgId orgId, UserId userId, ActivityType type, Instant occurredAt, long quantity) {
    }

    private final InMemoryDatabase db;
    private final List<Event> events = new ArrayList<>();

    public InMemoryActivity(InMemoryDatabase db) {
        this.db = db;
    }

    public InMemoryActivity add(OrgId orgId, String userId, ActivityType type, Instant at, long quantity) {
        events.add(new Event(orgId, UserId.of(userId), type, at, quantity));
        return this;
    }

    @Override
    public Optional<Instant> lastActivity(OrgId orgId, UserId userId) {
        return Optional.ofNullable(lastActivities(orgId).get(userId));
    }

    @Override
    public Map<UserId, Instant> lastActivities(OrgId orgId) {
        Map<UserId, Instant> last = new HashMap<>();
        events.stream().filter(e -> e.orgId().equals(orgId))
                .forEach(e -> last.merge(e.userId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b));
        return last;
    }

    @Override
    public Map<ActivityType, Long> totals(OrgId orgId, UserId userId, Set<ActivityType> types, Instant after) {
        return totals(orgId, types, after).getOrDefault(userId, Map.of());
    }

    @Override
    public Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after) {
        Map<UserId, Map<ActivityType, Long>> sums = new HashMap<>();
        events.stream()
                .filter(e -> e.orgId().equals(orgId) && types.contains(e.type()) && e.occurredAt().isAfter(after))
                .forEach(e -> sums.computeIfAbsent(e.userId(), user -> new EnumMap<>(ActivityType.class))
                        .merge(e.type(), e.quantity(), Long::sum));
        return sums;
    }

    @Override
    public Map<ActivityType, Long> maxima(OrgId orgId, Set<ActivityType> types, Instant after) {
        Map<ActivityType, Long> maxima = new EnumMap<>(ActivityType.class);
        totals(orgId, types, after).forEach((user, sums) -> {
            OrgMember member = db.orgMembers.get(new InMemoryDatabase.OrgMemberKey(orgId, user));
            if (member != null && member.isActive()) {
                sums.forEach((type, sum) -> maxima.merge(type, sum, Math::max));
            }
        });
        return maxima;
    }
}
