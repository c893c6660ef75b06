package circles.application;

import circles.application.port.out.dynamic.RefreshClaims;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupStatus;
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

/**
 * The evaluation state and schedule of dynamic groups in memory; member counts come from the snapshots. As in
 * PostgreSQL, only active dynamic groups of their own org are claimed, due groups go by due time and then by id (in
 * the order PostgreSQL gives UUIDs: that of their text), a manual claim makes its group due from then on, a release
 * keeps a sooner refresh asked for during the evaluation, and every dynamic group has a state from its creation.
 */
public final class InMemoryRefreshClaims implements RefreshClaims {
    private static final Comparator<Map.Entry<GroupId, Entry>> DUE_ORDER = Comparator
            .<Map.Entry<GroupId, Entry>, Instant>comparing(e -> e.getValue().nextRefreshAt)
            .thenComparing(e -> e.getKey().value().toString());

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
                .filter(e -> activeDynamicGroup(e.getKey(), e.getValue().orgId))
                .filter(e -> claimable(e.getValue(), now)).toList());
        due.sort(DUE_ORDER);
        return due.stream().limit(limit).map(e -> take(e.getKey(), e.getValue(), now, lease)).toList();
    }

    @Override
    public Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease) {
        db.requireTransaction();
        if (!activeDynamicGroup(groupId, orgId)) {
            return Optional.empty();
        }
        Entry entry = entries.computeIfAbsent(groupId, id -> new Entry(orgId));
        if (!claimable(entry, now)) {
            return Optional.empty();
        }
        // Due from now on: should the claimer die, the scheduled refresh takes the group over when the lease ends.
        entry.nextRefreshAt = now;
        return Optional.of(take(groupId, entry, now, lease));
    }

    private boolean activeDynamicGroup(GroupId groupId, OrgId orgId) {
        return dynamicGroup(groupId, orgId).filter(group -> group.status() == GroupStatus.ACTIVE).isPresent();
    }

    private Optional<Group> dynamicGroup(GroupId groupId, OrgId orgId) {
        return Optional.ofNullable(db.groups.get(groupId))
                .filter(group -> group.kind() == GroupKind.DYNAMIC && group.orgId().filter(orgId::equals).isPresent());
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
        Entry entry = entries.get(claim.groupId());
        if (entry == null || !claim.holder().equals(entry.holder)) {
            return false;
        }
        entry.holder = null;
        entry.expiresAt = null;
        entry.status = error == null ? Status.IDLE : Status.FAILED;
        entry.lastError = error;
        // A due time set after the evaluation started (a refresh asked for meanwhile) is kept when it is sooner.
        boolean askedMeanwhile = entry.nextRefreshAt != null && entry.startedAt != null
                && entry.nextRefreshAt.isAfter(entry.startedAt);
        entry.nextRefreshAt = !askedMeanwhile ? nextRefreshAt
                : nextRefreshAt == null || entry.nextRefreshAt.isBefore(nextRefreshAt) ? entry.nextRefreshAt
                : nextRefreshAt;
        entry.startedAt = null;
        return true;
    }

    @Override
    public void schedule(GroupId groupId, OrgId orgId, int intervalMinutes, Instant nextRefreshAt) {
        if (intervalMinutes < 0) {
            throw new IllegalArgumentException("refresh interval must not be negative");
        }
        db.requireTransaction();
        Group group = db.groups.get(groupId);
        if (group == null || !group.orgId().filter(orgId::equals).isPresent()) {
            return;
        }
        Entry entry = entries.computeIfAbsent(groupId, id -> new Entry(orgId));
        entry.interval = intervalMinutes;
        entry.nextRefreshAt = nextRefreshAt;
    }

    @Override
    public Optional<State> state(GroupId groupId, OrgId orgId) {
        if (dynamicGroup(groupId, orgId).isEmpty()) {
            return Optional.empty();
        }
        Entry entry = entries.getOrDefault(groupId, new Entry(orgId));
        return Optional.of(new State(entry.status, entry.startedAt, members.lastComputedAt(groupId), entry.lastError,
                entry.interval, entry.nextRefreshAt, members.memberIds(groupId, orgId).size()));
    }
}
