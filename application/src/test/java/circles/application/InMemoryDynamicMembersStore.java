package circles.application;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The member snapshots of dynamic groups and their history in memory. Like the table's foreign key, a computed
 * member must be a member of the group's org.
 */
public final class InMemoryDynamicMembersStore implements DynamicMembersStore, MembershipHistory {
    private final InMemoryDatabase db;
    private final Map<GroupId, TreeMap<UserId, DynamicMember>> snapshots = new LinkedHashMap<>();
    private final Map<GroupId, Instant> lastComputed = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();

    public InMemoryDynamicMembersStore(InMemoryDatabase db) {
        this.db = db;
    }

    private TreeMap<UserId, DynamicMember> snapshot(GroupId groupId) {
        return snapshots.computeIfAbsent(groupId, id -> new TreeMap<>());
    }

    @Override
    public Page<DynamicMember> members(GroupId groupId, OrgId orgId, PageRequest page) {
        return InMemoryDatabase.page(List.copyOf(snapshot(groupId).values()), page);
    }

    @Override
    public Set<UserId> memberIds(GroupId groupId, OrgId orgId) {
        return new HashSet<>(snapshot(groupId).keySet());
    }

    @Override
    public Optional<DynamicMember> member(GroupId groupId, OrgId orgId, UserId userId) {
        return Optional.ofNullable(snapshot(groupId).get(userId));
    }

    @Override
    public Diff applyDiff(GroupId groupId, OrgId orgId, Set<UserId> target, Set<UserId> included, Cause cause,
                          Instant now) {
        db.requireTransaction();
        TreeMap<UserId, DynamicMember> snapshot = snapshot(groupId);
        List<UserId> removed = snapshot.keySet().stream().filter(userId -> !target.contains(userId)).toList();
        removed.forEach(userId -> change(groupId, snapshot, userId, null, cause, now));
        List<UserId> added = new ArrayList<>();
        for (UserId userId : target.stream().sorted().toList()) {
            Via via = included.contains(userId) ? Via.INCLUDE : Via.RULE;
            if (!snapshot.containsKey(userId)) {
                added.add(userId);
            }
            change(groupId, orgId, snapshot, userId, via, cause, now);
        }
        lastComputed.put(groupId, now);
        return new Diff(added, removed, snapshot.size() - added.size());
    }

    @Override
    public Diff applyOne(GroupId groupId, OrgId orgId, UserId userId, Via via, Cause cause, Instant now) {
        db.requireTransaction();
        TreeMap<UserId, DynamicMember> snapshot = snapshot(groupId);
        boolean was = snapshot.containsKey(userId);
        change(groupId, orgId, snapshot, userId, via, cause, now);
        boolean is = snapshot.containsKey(userId);
        if (was == is) {
            return new Diff(List.of(), List.of(), snapshot.size());
        }
        return is ? new Diff(List.of(userId), List.of(), snapshot.size() - 1)
                : new Diff(List.of(), List.of(userId), snapshot.size());
    }

    private void change(GroupId groupId, TreeMap<UserId, DynamicMember> snapshot, UserId userId, Via via,
                        Cause cause, Instant now) {
        change(groupId, null, snapshot, userId, via, cause, now);
    }

    private void change(GroupId groupId, OrgId orgId, TreeMap<UserId, DynamicMember> snapshot, UserId userId,
                        Via via, Cause cause, Instant now) {
        DynamicMember stored = snapshot.get(userId);
        if (via == null) {
            if (stored != null) {
                snapshot.remove(userId);
                events.add(new Event(events.size() + 1, groupId, userId, Change.REMOVED, cause, now));
            }
            return;
        }
        if (stored == null) {
            if (!db.orgMembers.containsKey(new InMemoryDatabase.OrgMemberKey(orgId, userId))) {
                throw new IllegalStateException(userId + " is not a member of org " + orgId);
            }
            snapshot.put(userId, new DynamicMember(userId, now, via));
            events.add(new Event(events.size() + 1, groupId, userId, Change.ADDED, cause, now));
        } else if (stored.via() != via) {
            snapshot.put(userId, new DynamicMember(userId, stored.since(), via));
        }
    }

    @Override
    public Page<MemberAt> membersAt(GroupId groupId, OrgId orgId, Instant at, PageRequest page) {
        Map<UserId, Event> last = new TreeMap<>();
        events.stream().filter(event -> event.groupId().equals(groupId) && !event.occurredAt().isAfter(at))
                .forEach(event -> last.put(event.userId(), event));
        return InMemoryDatabase.page(last.values().stream().filter(event -> event.change() == Change.ADDED)
                .map(event -> new MemberAt(event.userId(), event.occurredAt())).toList(), page);
    }

    @Override
    public List<DynamicMembership> groupsOfUser(OrgId orgId, UserId userId) {
        List<DynamicMembership> found = new ArrayList<>();
        snapshots.forEach((groupId, snapshot) -> {
            DynamicMember member = snapshot.get(userId);
            if (member != null) {
                found.add(new DynamicMembership(groupId, member.since(), member.via()));
            }
        });
        found.sort(Comparator.comparing(membership -> membership.groupId().toString()));
        return found;
    }

    @Override
    public Page<Event> events(GroupId groupId, OrgId orgId, UserId userId, Cause cause, PageRequest page) {
        List<Event> newestFirst = new ArrayList<>(events.stream().filter(event -> event.groupId().equals(groupId))
                .filter(event -> userId == null || event.userId().equals(userId))
                .filter(event -> cause == null || event.cause() == cause).toList());
        newestFirst.sort(Comparator.comparingLong(Event::id).reversed());
        return InMemoryDatabase.page(newestFirst, page);
    }

    /** When the group's members were last computed over the whole org (null: never). */
    public Instant lastComputedAt(GroupId groupId) {
        return lastComputed.get(groupId);
    }
}
