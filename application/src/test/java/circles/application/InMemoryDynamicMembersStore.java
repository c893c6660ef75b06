package circles.application;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.org.OrgId;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;

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
import java.util.UUID;

/**
 * The member snapshots of dynamic groups and their history in memory. Like the table's foreign key, a computed
 * member must be a member of the group's org.
 */
public final class InMemoryDynamicMembersStore implements DynamicMembersStore, MembershipHistory {
    /** The evaluation the write under way records its history events for. */
    private UUID evaluationOfWrite;
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
                          UUID evaluationId, Instant now) {
        evaluationOfWrite = evaluationId;
        if (!target.containsAll(included)) {
            throw new IllegalArgumentException("included members must be part of the target");
        }
        db.requireTransaction();
        requireDynamicGroup(groupId, orgId);
        // Nothing here rolls back: a write that will be refused is refused before it changes anything.
        List<UserId> strangers = target.stream().filter(userId -> !isOrgMember(orgId, userId)).toList();
        if (!strangers.isEmpty()) {
            throw notAnOrgMember(strangers.getFirst());
        }
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
    public Diff applyOne(GroupId groupId, OrgId orgId, UserId userId, Via via, Cause cause, UUID evaluationId,
                         Instant now) {
        evaluationOfWrite = evaluationId;
        db.requireTransaction();
        requireDynamicGroup(groupId, orgId);
        if (via != null && !isOrgMember(orgId, userId)) {
            throw notAnOrgMember(userId);
        }
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
                events.add(new Event(events.size() + 1, groupId, userId, Change.REMOVED, cause, now, evaluationOfWrite));
            }
            return;
        }
        if (stored == null) {
            snapshot.put(userId, new DynamicMember(userId, now, via));
            events.add(new Event(events.size() + 1, groupId, userId, Change.ADDED, cause, now, evaluationOfWrite));
        } else if (stored.via() != via) {
            snapshot.put(userId, new DynamicMember(userId, stored.since(), via));
        }
    }

    /** As the real adapter: only a dynamic group of the org has a snapshot to write. */
    private void requireDynamicGroup(GroupId groupId, OrgId orgId) {
        Group group = db.groups.get(groupId);
        if (group == null || !orgId.equals(group.orgIdOrNull())) {
            throw new NotFound("group", groupId);
        }
        if (group.kind() != GroupKind.DYNAMIC) {
            throw new RuleViolation("group-not-dynamic", "group " + groupId + " is not a dynamic group");
        }
    }

    private boolean isOrgMember(OrgId orgId, UserId userId) {
        return db.orgMembers.containsKey(new InMemoryDatabase.OrgMemberKey(orgId, userId));
    }

    private static RuleViolation notAnOrgMember(UserId userId) {
        return new RuleViolation("not-an-org-member", "only members of the group's org can be computed members ("
                + userId + " is not)");
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
            Group group = db.groups.get(groupId);
            if (member != null && group != null && orgId.equals(group.orgIdOrNull())) {
                found.add(new DynamicMembership(groupId, member.since(), member.via()));
            }
        });
        found.sort(Comparator.comparing(membership -> membership.groupId().toString()));
        return found;
    }

    @Override
    public Page<Event> events(GroupId groupId, OrgId orgId, UserId userId, Cause cause, UUID evaluationId,
                              PageRequest page) {
        List<Event> newestFirst = new ArrayList<>(events.stream().filter(event -> event.groupId().equals(groupId))
                .filter(event -> userId == null || event.userId().equals(userId))
                .filter(event -> cause == null || event.cause() == cause)
                .filter(event -> evaluationId == null || evaluationId.equals(event.evaluationId())).toList());
        newestFirst.sort(Comparator.comparingLong(Event::id).reversed());
        return InMemoryDatabase.page(newestFirst, page);
    }

    /** When the group's members were last computed over the whole org (null: never). */
    public Instant lastComputedAt(GroupId groupId) {
        return lastComputed.get(groupId);
    }
}
