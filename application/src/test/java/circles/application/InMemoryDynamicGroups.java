package circles.application;

import circles.application.port.out.DynamicGroupDefinitions;
import circles.application.port.out.DynamicMembersStore;
import circles.application.port.out.GroupDependencies;
import circles.application.port.out.MembershipHistory;
import circles.application.port.out.OverrideRepository;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.application.port.out.RecheckLookups;
import circles.application.port.out.RefreshClaims;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupStatus;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.shared.Conflict;
import circles.domain.shared.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The ports of dynamic groups in memory, next to the other in-memory ports on the same {@link InMemoryDatabase}:
 * rules, computed members with their history, overrides, refresh claims, the member_of graph, and the lookups of the
 * per-member re-check. Writes need an open transaction, as elsewhere.
 */
public final class InMemoryDynamicGroups {
    public final Definitions definitions = new Definitions();
    public final Members members = new Members();
    public final Overrides overrides = new Overrides();
    public final Claims claims = new Claims();
    public final Dependencies dependencies = new Dependencies();
    public final Lookups lookups = new Lookups();

    private final InMemoryDatabase db;

    public InMemoryDynamicGroups(InMemoryDatabase db) {
        this.db = db;
    }

    public final class Definitions implements DynamicGroupDefinitions {
        private final Map<GroupId, String> rules = new HashMap<>();

        @Override
        public void saveRule(GroupId groupId, OrgId orgId, String canonicalRuleJson) {
            db.requireTransaction();
            rules.put(groupId, canonicalRuleJson);
        }

        @Override
        public Optional<String> rule(GroupId groupId, OrgId orgId) {
            return Optional.ofNullable(rules.get(groupId));
        }
    }

    public final class Members implements DynamicMembersStore {
        private final Map<GroupId, TreeMap<UserId, DynamicMember>> snapshots = new HashMap<>();
        private final Map<GroupId, Instant> lastComputed = new HashMap<>();
        private final List<MembershipHistory.Event> history = new ArrayList<>();

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
        public Diff applyDiff(GroupId groupId, OrgId orgId, Set<UserId> target, Set<UserId> included,
                              MembershipHistory.Cause cause, Instant now) {
            db.requireTransaction();
            requireDynamic(groupId);
            for (UserId userId : target) {
                requireOrgMember(orgId, userId);
            }
            TreeMap<UserId, DynamicMember> stored = snapshot(groupId);
            List<UserId> removed = stored.keySet().stream().filter(id -> !target.contains(id)).toList();
            List<UserId> added = target.stream().filter(id -> !stored.containsKey(id)).sorted().toList();
            removed.forEach(id -> {
                stored.remove(id);
                record(groupId, id, MembershipHistory.Change.REMOVED, cause, now);
            });
            for (UserId id : target) {
                Via via = included.contains(id) ? Via.INCLUDE : Via.RULE;
                DynamicMember before = stored.get(id);
                stored.put(id, new DynamicMember(id, before == null ? now : before.since(), via));
            }
            added.forEach(id -> record(groupId, id, MembershipHistory.Change.ADDED, cause, now));
            lastComputed.put(groupId, now);
            return new Diff(added, removed, target.size() - added.size());
        }

        @Override
        public Diff applyOne(GroupId groupId, OrgId orgId, UserId userId, Via via, MembershipHistory.Cause cause,
                             Instant now) {
            db.requireTransaction();
            requireDynamic(groupId);
            TreeMap<UserId, DynamicMember> stored = snapshot(groupId);
            DynamicMember before = stored.get(userId);
            if (via == null && before != null) {
                stored.remove(userId);
                record(groupId, userId, MembershipHistory.Change.REMOVED, cause, now);
                return new Diff(List.of(), List.of(userId), stored.size());
            }
            if (via != null && before == null) {
                requireOrgMember(orgId, userId);
                stored.put(userId, new DynamicMember(userId, now, via));
                record(groupId, userId, MembershipHistory.Change.ADDED, cause, now);
                return new Diff(List.of(userId), List.of(), stored.size() - 1);
            }
            if (via != null) {
                stored.put(userId, new DynamicMember(userId, before.since(), via));
            }
            return new Diff(List.of(), List.of(), stored.size());
        }

        @Override
        public Page<UserId> membersAt(GroupId groupId, OrgId orgId, Instant at, PageRequest page) {
            Map<UserId, MembershipHistory.Change> last = new TreeMap<>();
            history.stream().filter(event -> event.groupId().equals(groupId) && !event.occurredAt().isAfter(at))
                    .forEach(event -> last.put(event.userId(), event.change()));
            return InMemoryDatabase.page(last.entrySet().stream()
                    .filter(entry -> entry.getValue() == MembershipHistory.Change.ADDED).map(Map.Entry::getKey)
                    .toList(), page);
        }

        @Override
        public List<DynamicMembership> groupsOfUser(OrgId orgId, UserId userId) {
            List<DynamicMembership> groups = new ArrayList<>();
            snapshots.forEach((groupId, snapshot) -> {
                DynamicMember member = snapshot.get(userId);
                Group group = db.groups.get(groupId);
                if (member != null && group != null && orgId.equals(group.orgIdOrNull())) {
                    groups.add(new DynamicMembership(groupId, member.since(), member.via()));
                }
            });
            groups.sort(Comparator.comparing(membership -> membership.groupId().value()));
            return groups;
        }

        /** Every change of the group's members, oldest first. */
        public List<MembershipHistory.Event> history(GroupId groupId) {
            return history.stream().filter(event -> event.groupId().equals(groupId)).toList();
        }

        public long count(GroupId groupId) {
            return snapshot(groupId).size();
        }

        private void record(GroupId groupId, UserId userId, MembershipHistory.Change change,
                            MembershipHistory.Cause cause, Instant now) {
            history.add(new MembershipHistory.Event(history.size() + 1, groupId, userId, change, cause, now));
        }

        private void requireDynamic(GroupId groupId) {
            Group group = db.groups.get(groupId);
            if (group == null || group.kind() != GroupKind.DYNAMIC) {
                throw new RuleViolation("group-not-dynamic", "group " + groupId + " is not a dynamic group");
            }
        }

        private void requireOrgMember(OrgId orgId, UserId userId) {
            if (!db.orgMembers.containsKey(new InMemoryDatabase.OrgMemberKey(orgId, userId))) {
                throw new RuleViolation("not-an-org-member", userId + " is not a member of the org");
            }
        }
    }

    public final class Overrides implements OverrideRepository {
        private final List<OverrideEntry> entries = new ArrayList<>();

        @Override
        public void add(OverrideEntry entry) {
            db.requireTransaction();
            boolean taken = entries.stream().anyMatch(e -> e.groupId().equals(entry.groupId())
                    && e.userId().equals(entry.userId()) && e.kind() == entry.kind());
            if (taken) {
                throw new Conflict("override-exists", entry.userId() + " is on that list already");
            }
            entries.add(entry);
        }

        @Override
        public List<OverrideEntry> list(GroupId groupId, OrgId orgId) {
            return entries.stream().filter(entry -> entry.groupId().equals(groupId)).toList();
        }

        @Override
        public Optional<OverrideEntry> find(GroupId groupId, OrgId orgId, UUID overrideId) {
            return list(groupId, orgId).stream().filter(entry -> entry.id().equals(overrideId)).findFirst();
        }

        @Override
        public boolean remove(GroupId groupId, OrgId orgId, UUID overrideId) {
            db.requireTransaction();
            return entries.removeIf(entry -> entry.groupId().equals(groupId) && entry.id().equals(overrideId));
        }

        @Override
        public List<OverrideEntry> expired(Instant now, int limit) {
            return entries.stream().filter(entry -> !entry.activeAt(now)).limit(limit).toList();
        }
    }

    public final class Claims implements RefreshClaims {
        private final Map<GroupId, State> states = new HashMap<>();

        @Override
        public List<Claim> claimDue(Instant now, Duration lease, int limit) {
            db.requireTransaction();
            List<Claim> claimed = new ArrayList<>();
            for (var entry : states.entrySet()) {
                State state = entry.getValue();
                if (claimed.size() < limit && state.nextRefreshAt() != null && !state.nextRefreshAt().isAfter(now)) {
                    claim(entry.getKey(), db.groups.get(entry.getKey()).orgIdOrNull(), now, lease)
                            .ifPresent(claimed::add);
                }
            }
            return claimed;
        }

        @Override
        public Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease) {
            db.requireTransaction();
            State state = states.get(groupId);
            Group group = db.groups.get(groupId);
            if (state == null || group == null || group.status() != GroupStatus.ACTIVE
                    || state.status() == Status.EVALUATING && state.evaluationStartedAt().isAfter(now.minus(lease))) {
                return Optional.empty();
            }
            states.put(groupId, new State(Status.EVALUATING, now, state.lastComputedAt(), state.lastError(),
                    state.refreshIntervalMinutes(), state.nextRefreshAt(), state.memberCount()));
            return Optional.of(new Claim(groupId, orgId, state.refreshIntervalMinutes()));
        }

        @Override
        public void release(GroupId groupId, OrgId orgId, String error, Instant nextRefreshAt) {
            db.requireTransaction();
            State state = states.get(groupId);
            states.put(groupId, new State(error == null ? Status.IDLE : Status.FAILED, null, state.lastComputedAt(),
                    error, state.refreshIntervalMinutes(), nextRefreshAt, state.memberCount()));
        }

        @Override
        public void schedule(GroupId groupId, OrgId orgId, int intervalMinutes, Instant nextRefreshAt) {
            db.requireTransaction();
            State state = states.get(groupId);
            states.put(groupId, state == null
                    ? new State(Status.IDLE, null, null, null, intervalMinutes, nextRefreshAt, 0)
                    : new State(state.status(), state.evaluationStartedAt(), state.lastComputedAt(), state.lastError(),
                    intervalMinutes, nextRefreshAt, state.memberCount()));
        }

        @Override
        public Optional<State> state(GroupId groupId, OrgId orgId) {
            State state = states.get(groupId);
            return state == null ? Optional.empty() : Optional.of(new State(state.status(),
                    state.evaluationStartedAt(), members.lastComputed.get(groupId), state.lastError(),
                    state.refreshIntervalMinutes(), state.nextRefreshAt(), members.count(groupId)));
        }

        /** As if another instance had claimed the group and were evaluating it right now. */
        public void evaluatingElsewhere(GroupId groupId, Instant since) {
            State state = states.get(groupId);
            states.put(groupId, new State(Status.EVALUATING, since, state.lastComputedAt(), null,
                    state.refreshIntervalMinutes(), state.nextRefreshAt(), state.memberCount()));
        }
    }

    public final class Dependencies implements GroupDependencies {
        private final Map<GroupId, Set<GroupId>> dependsOn = new HashMap<>();

        @Override
        public void lock(OrgId orgId) {
            db.requireTransaction();
        }

        @Override
        public void replace(GroupId groupId, OrgId orgId, Set<GroupId> groups) {
            db.requireTransaction();
            dependsOn.put(groupId, new LinkedHashSet<>(groups));
        }

        @Override
        public Set<GroupId> dependenciesOf(GroupId groupId, OrgId orgId) {
            return Set.copyOf(dependsOn.getOrDefault(groupId, Set.of()));
        }

        @Override
        public List<GroupId> dependentsInOrder(GroupId groupId, OrgId orgId) {
            Map<GroupId, Integer> depth = new HashMap<>();
            Deque<GroupId> next = new ArrayDeque<>(List.of(groupId));
            depth.put(groupId, 0);
            while (!next.isEmpty()) {
                GroupId current = next.poll();
                dependsOn.forEach((dependent, reads) -> {
                    if (reads.contains(current) && depth.getOrDefault(dependent, -1) < depth.get(current) + 1) {
                        depth.put(dependent, depth.get(current) + 1);
                        next.add(dependent);
                    }
                });
            }
            depth.remove(groupId);
            return depth.entrySet().stream().sorted(Map.Entry.<GroupId, Integer>comparingByValue()
                    .thenComparing(entry -> entry.getKey().value())).map(Map.Entry::getKey).toList();
        }

        @Override
        public List<GroupId> cycleThrough(GroupId groupId, OrgId orgId, Set<GroupId> groups) {
            for (GroupId start : groups) {
                List<GroupId> path = pathTo(start, groupId, new HashSet<>());
                if (path != null) {
                    List<GroupId> cycle = new ArrayList<>(List.of(groupId));
                    cycle.addAll(path);
                    return cycle;
                }
            }
            return List.of();
        }

        private List<GroupId> pathTo(GroupId from, GroupId to, Set<GroupId> seen) {
            if (from.equals(to)) {
                return new ArrayList<>(List.of(from));
            }
            if (!seen.add(from)) {
                return null;
            }
            for (GroupId next : dependsOn.getOrDefault(from, Set.of())) {
                List<GroupId> rest = pathTo(next, to, seen);
                if (rest != null) {
                    rest.addFirst(from);
                    return rest;
                }
            }
            return null;
        }
    }

    public final class Lookups implements RecheckLookups {
        private int reads;

        /** How many lookups were made so far (a re-check must not read the whole org). */
        public int reads() {
            return reads;
        }

        @Override
        public List<StoredRule> activeRules(OrgId orgId) {
            reads++;
            return db.groups.values().stream()
                    .filter(group -> orgId.equals(group.orgIdOrNull()) && group.kind() == GroupKind.DYNAMIC
                            && group.status() == GroupStatus.ACTIVE && definitions.rules.containsKey(group.id()))
                    .sorted(Comparator.comparing(group -> group.id().value()))
                    .map(group -> new StoredRule(group.id(), definitions.rules.get(group.id())))
                    .toList();
        }

        @Override
        public Map<UserId, OrgMember> members(OrgId orgId, Collection<UserId> userIds) {
            reads++;
            Map<UserId, OrgMember> found = new HashMap<>();
            for (UserId userId : userIds) {
                OrgMember member = db.orgMembers.get(new InMemoryDatabase.OrgMemberKey(orgId, userId));
                if (member != null) {
                    found.put(userId, member);
                }
            }
            return found;
        }

        @Override
        public Optional<UserId> memberByEmail(OrgId orgId, String email) {
            reads++;
            String folded = email.strip().toLowerCase(Locale.ROOT);
            return db.orgMembers.values().stream()
                    .filter(member -> member.orgId().equals(orgId) && member.profile().email() != null
                            && member.profile().email().strip().toLowerCase(Locale.ROOT).equals(folded))
                    .map(OrgMember::userId).sorted().findFirst();
        }

        @Override
        public Set<GroupId> staticGroupsOf(OrgId orgId, UserId userId, Instant now) {
            reads++;
            Set<GroupId> groups = new LinkedHashSet<>();
            for (Membership membership : db.memberships.values()) {
                if (membership.userId().equals(userId) && orgId.equals(membership.orgId())
                        && membership.isEffectiveAt(now)) {
                    groups.add(membership.groupId());
                    db.ancestorsOf(membership.groupId()).forEach(group -> groups.add(group.id()));
                }
            }
            return groups;
        }

        @Override
        public List<OverrideRepository.OverrideEntry> overridesOf(OrgId orgId, Collection<UserId> userIds) {
            reads++;
            return overrides.entries.stream()
                    .filter(entry -> entry.orgId().equals(orgId) && userIds.contains(entry.userId())).toList();
        }

        @Override
        public Map<UserId, Map<GroupId, DynamicMembersStore.Via>> computedOf(OrgId orgId,
                                                                             Collection<UserId> userIds) {
            reads++;
            Map<UserId, Map<GroupId, DynamicMembersStore.Via>> computed = new HashMap<>();
            for (UserId userId : userIds) {
                for (var membership : members.groupsOfUser(orgId, userId)) {
                    computed.computeIfAbsent(userId, id -> new LinkedHashMap<>())
                            .put(membership.groupId(), membership.via());
                }
            }
            return computed;
        }

        @Override
        public List<UserId> reportsBelow(OrgId orgId, UserId managerId, int limit) {
            reads++;
            List<UserId> below = new ArrayList<>();
            Deque<UserId> next = new ArrayDeque<>(List.of(managerId));
            Set<UserId> seen = new HashSet<>(List.of(managerId));
            while (!next.isEmpty() && below.size() < limit) {
                UserId manager = next.poll();
                db.orgMembers.values().stream()
                        .filter(member -> member.orgId().equals(orgId) && manager.equals(member.profile().managerId()))
                        .map(OrgMember::userId).sorted()
                        .filter(seen::add)
                        .forEach(id -> {
                            below.add(id);
                            next.add(id);
                        });
            }
            return below.size() > limit ? below.subList(0, limit) : below;
        }
    }
}
