package circles.application;

import circles.application.port.out.RefreshClaims;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The evaluation state and schedule of dynamic groups in memory; member counts come from the snapshots. */
public final class InMemoryRefreshClaims implements RefreshClaims {
    private final InMemoryDatabase db;
    private final InMemoryDynamicMembersStore members;
    private final Map<GroupId, Entry> entries = new LinkedHashMap<>();

    private static final class Entry {
        final OrgId orgId;
        Status status = Status.IDLE;
        Instant startedAt;
        String lastError;
        int interval;
        Instant nextRefreshAt;

        Entry(OrgId orgId) {
            this.orgId = orgId;
        }
    }

    public InMemoryRefreshClaims(InMemoryDatabase db, InMemoryDynamicMembersStore members) {
        this.db = db;
        this.members = members;
    }

    @Override
    public List<Claim> claimDue(Instant now, Duration lease, int limit) {
        db.requireTransaction();
        List<Map.Entry<GroupId, Entry>> due = new ArrayList<>(entries.entrySet().stream()
                .filter(e -> e.getValue().nextRefreshAt != null && !e.getValue().nextRefreshAt.isAfter(now))
                .filter(e -> claimable(e.getValue(), now, lease)).toList());
        due.sort(Comparator.comparing(e -> e.getValue().nextRefreshAt));
        return due.stream().limit(limit).map(e -> take(e.getKey(), e.getValue(), now)).toList();
    }

    @Override
    public Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease) {
        db.requireTransaction();
        Entry entry = entries.computeIfAbsent(groupId, id -> new Entry(orgId));
        return claimable(entry, now, lease) ? Optional.of(take(groupId, entry, now)) : Optional.empty();
    }

    private static boolean claimable(Entry entry, Instant now, Duration lease) {
        return entry.status != Status.EVALUATING || !entry.startedAt.plus(lease).isAfter(now);
    }

    private static Claim take(GroupId groupId, Entry entry, Instant now) {
        entry.status = Status.EVALUATING;
        entry.startedAt = now;
        return new Claim(groupId, entry.orgId, entry.interval);
    }

    @Override
    public void release(GroupId groupId, OrgId orgId, String error, Instant nextRefreshAt) {
        db.requireTransaction();
        Entry entry = entries.computeIfAbsent(groupId, id -> new Entry(orgId));
        entry.status = error == null ? Status.IDLE : Status.FAILED;
        entry.startedAt = null;
        entry.lastError = error;
        entry.nextRefreshAt = nextRefreshAt;
    }

    @Override
    public void schedule(GroupId groupId, OrgId orgId, int intervalMinutes, Instant nextRefreshAt) {
        db.requireTransaction();
        Entry entry = entries.computeIfAbsent(groupId, id -> new Entry(orgId));
        entry.interval = intervalMinutes;
        entry.nextRefreshAt = nextRefreshAt;
    }

    @Override
    public Optional<State> state(GroupId groupId, OrgId orgId) {
        Entry entry = entries.get(groupId);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new State(entry.status, entry.startedAt, members.lastComputedAt(groupId), entry.lastError,
                entry.interval, entry.nextRefreshAt, members.memberIds(groupId, orgId).size()));
    }
}
