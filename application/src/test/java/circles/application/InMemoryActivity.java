package circles.application;

import circles.application.port.out.activity.ActivityReader;
import circles.application.port.out.activity.ActivityStore;
import circles.domain.activity.ActivityEvent;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Activity in memory, kept as the tables keep it: the raw events (unique per org by eventId), their rollups per
 * member, UTC day and type, and each member's latest activity. It answers as the stored activity does: a window
 * ({@code occurredAt > after}) sums the rollups of the whole days after the day of its start and the raw events of
 * that first, partial day; org maxima are taken over the members with status active; the latest activity outlives
 * the events it came from.
 */
public final class InMemoryActivity implements ActivityReader, ActivityStore {
    private record Event(OrgId orgId, String eventId, UserId userId, ActivityType type, Instant occurredAt,
                         long quantity) {
    }

    private record RollupKey(OrgId orgId, UserId userId, LocalDate day, ActivityType type) {
    }

    private record EventKey(OrgId orgId, String eventId) {
    }

    private final InMemoryDatabase db;
    private final Map<EventKey, Event> events = new LinkedHashMap<>();
    private final Map<RollupKey, Long> rollups = new LinkedHashMap<>();
    private final Map<InMemoryDatabase.OrgMemberKey, Instant> latest = new HashMap<>();

    public InMemoryActivity(InMemoryDatabase db) {
        this.db = db;
    }

    /** Seeds one event of a user (a member or not) under a fresh eventId, as a written one would be stored. */
    public InMemoryActivity add(OrgId orgId, String userId, ActivityType type, Instant at, long quantity) {
        store(new Event(orgId, "seeded-" + events.size(), UserId.of(userId), type, at, quantity));
        return this;
    }

    private void store(Event event) {
        events.put(new EventKey(event.orgId(), event.eventId()), event);
        rollups.merge(new RollupKey(event.orgId(), event.userId(), day(event.occurredAt()), event.type()),
                event.quantity(), Long::sum);
        latest.merge(new InMemoryDatabase.OrgMemberKey(event.orgId(), event.userId()), event.occurredAt(),
                (a, b) -> a.isAfter(b) ? a : b);
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Override
    public Written write(OrgId orgId, List<Numbered> batch) {
        db.requireTransaction();
        int accepted = 0;
        int duplicates = 0;
        List<Integer> unknown = new ArrayList<>();
        Set<UserId> touched = new HashSet<>();
        Map<UserId, Instant> logins = new HashMap<>();
        for (Numbered numbered : batch) {
            ActivityEvent event = numbered.event();
            if (!db.orgMembers.containsKey(new InMemoryDatabase.OrgMemberKey(orgId, event.userId()))) {
                unknown.add(numbered.index());
            } else if (events.containsKey(new EventKey(orgId, event.eventId()))) {
                duplicates++;
            } else {
                store(new Event(orgId, event.eventId(), event.userId(), event.type(), event.occurredAt(),
                        event.quantity()));
                accepted++;
                touched.add(event.userId());
                if (event.type() == ActivityType.LOGIN) {
                    logins.merge(event.userId(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        unknown.sort(null);
        logins.forEach((userId, at) -> moveLastLogin(orgId, userId, at));
        return new Written(accepted, duplicates, unknown, touched);
    }

    /** Moves the member's lastLoginAt forward to {@code at}, never back; a move is a new version of the member. */
    private void moveLastLogin(OrgId orgId, UserId userId, Instant at) {
        InMemoryDatabase.OrgMemberKey key = new InMemoryDatabase.OrgMemberKey(orgId, userId);
        OrgMember member = db.orgMembers.get(key);
        Instant last = member.profile().lastLoginAt();
        if (last != null && !last.isBefore(at)) {
            return;
        }
        MemberProfile p = member.profile();
        MemberProfile moved = new MemberProfile(p.email(), p.displayName(), p.department(), p.location(),
                p.jobTitle(), p.managerId(), p.orgUnitPath(), p.employeeType(), p.costCenter(), p.userType(),
                p.customAttributes(), at);
        db.orgMembers.put(key, OrgMember.restore(orgId, userId, member.role(), member.status(), moved,
                member.joinedAt(), member.version() + 1, member.updatedAt()));
    }

    @Override
    public long deleteEventsUpTo(Instant cutoff) {
        db.requireTransaction();
        List<EventKey> old = events.entrySet().stream().filter(e -> !e.getValue().occurredAt().isAfter(cutoff))
                .map(Map.Entry::getKey).toList();
        old.forEach(events::remove);
        return old.size();
    }

    @Override
    public long deleteRollupsBefore(LocalDate day) {
        db.requireTransaction();
        List<RollupKey> old = rollups.keySet().stream().filter(key -> key.day().isBefore(day)).toList();
        old.forEach(rollups::remove);
        return old.size();
    }

    @Override
    public Optional<Instant> lastActivity(OrgId orgId, UserId userId) {
        return Optional.ofNullable(latest.get(new InMemoryDatabase.OrgMemberKey(orgId, userId)));
    }

    @Override
    public Map<UserId, Instant> lastActivities(OrgId orgId) {
        Map<UserId, Instant> last = new HashMap<>();
        latest.forEach((key, at) -> {
            if (key.orgId().equals(orgId)) {
                last.put(key.userId(), at);
            }
        });
        return last;
    }

    @Override
    public Map<ActivityType, Long> totals(OrgId orgId, UserId userId, Set<ActivityType> types, Instant after) {
        return totals(orgId, types, after).getOrDefault(userId, Map.of());
    }

    @Override
    public Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after) {
        LocalDate firstDay = day(after);
        Instant firstDayEnd = firstDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<UserId, Map<ActivityType, Long>> sums = new HashMap<>();
        rollups.forEach((key, quantity) -> {
            if (key.orgId().equals(orgId) && types.contains(key.type()) && key.day().isAfter(firstDay)) {
                add(sums, key.userId(), key.type(), quantity);
            }
        });
        events.values().stream()
                .filter(e -> e.orgId().equals(orgId) && types.contains(e.type()) && e.occurredAt().isAfter(after)
                        && e.occurredAt().isBefore(firstDayEnd))
                .forEach(e -> add(sums, e.userId(), e.type(), e.quantity()));
        return sums;
    }

    private static void add(Map<UserId, Map<ActivityType, Long>> sums, UserId userId, ActivityType type,
                            long quantity) {
        sums.computeIfAbsent(userId, user -> new EnumMap<>(ActivityType.class)).merge(type, quantity, Long::sum);
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
