package circles.application;

import circles.application.port.out.dynamic.RefreshClaims;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
        UUID holder;
        Instant expiresAt;

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
                .filter(e -> claimable(e.getValue(), now)).toList());
        due.sort(Comparator.comparing(e -> e.getValue().nextRefreshAt));
        return due.stream().limit(limit).map(e -> take(e.getKey(), e.getValue(), now, lease)).toList();
    }

    @Override
    public Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease) {
        db.requireTransaction();
        Entry entry = entries.computeIfAbsent(groupId, id -> new Entry(orgId));
        return claimable(entry, now) ? Optional.of(take(groupId, entry, now, lease)) : Optional.empty();
    }

    private static boolean claimable(Entry entry, Instant now) {
        return entry.holder == null || !entry.expiresAt.isAfter(now);
    }

    private static Claim take(GroupId groupId, Entry entry, Instant now, Duration lease) {
        entry.status = Status.EVALUATING;
        entry.startedAt = now;
        entry.holder = UUID.randomUUID();
        entry.expiresAt = now.plus(lease);
        return new Claim(groupId, entry.orgId, entry.interval, entry.holder);
    }

    @Override
    public List<Claim> renew(Collection<Claim> claims, Instant now, Duration lease) {
        db.requireTransaction();
        List<Claim> renewed = new ArrayList<>();
        for (Claim claim : claims) {
            Entry entry = entries.get(claim.groupId());
            if (entry != null && claim.holder().equals(entry.holder)) {
                Instant until = now.plus(lease);
                entry.expiresAt = until.isAfter(entry.expiresAt) ? until : entry.expiresAt;
                renewed.add(claim);
            }
        }
        return renewed;
    }

    @Override
    public boolean release(Claim claim, String error, Instant nextRefreshAt) {
        db.requireTransaction();
        Entry entry = entries.computeIfAbsent(claim.groupId(), id -> new Entry(claim.orgId()));
        if (!claim.holder().equals(entry.holder)) {
            return false;
        }
        entry.holder = null;
        entry.expiresAt = null;
        entry.status = error == null ? Status.IDLE : Status.FAILED;
        entry.startedAt = null;
        entry.lastError = error;
        entry.nextRefreshAt = nextRefreshAt;
        return true;
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
