package circles.application;

import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RefreshSettings;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.shared.BackgroundWork;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupStatus;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleWriter;

import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * In-memory stand-ins for the storage ports of dynamic groups (rule, snapshot with history, overrides, refresh
 * claims, member_of graph), sharing the {@link InMemoryDatabase}'s groups, plus background work that runs when the
 * test says so and settings the test sets. Like the other in-memory ports they do not roll back: a failure a test
 * plants happens before anything is written.
 */
public final class InMemoryDynamicGroups {
    private final InMemoryDatabase db;

    private final Map<GroupId, Map<String, Object>> rules = new HashMap<>();
    private final Map<GroupId, TreeMap<UserId, DynamicMembersStore.DynamicMember>> snapshots = new HashMap<>();
    private final List<MembershipHistory.Event> history = new ArrayList<>();
    private final List<OverrideEntry> overrideEntries = new ArrayList<>();
    private final Map<GroupId, Evaluation> evaluations = new HashMap<>();
    private final Map<GroupId, Set<GroupId>> dependsOn = new HashMap<>();
    private final Set<GroupId> failing = new HashSet<>();
    private final List<GroupId> evaluatedInOrder = new ArrayList<>();

    public final Definitions definitions = new Definitions();
    public final Members members = new Members();
    public final Overrides overrides = new Overrides();
    public final Claims claims = new Claims();
    public final Dependencies dependencies = new Dependencies();
    public final HeldBackgroundWork background = new HeldBackgroundWork();
    public final Settings settings = new Settings();

    public InMemoryDynamicGroups(InMemoryDatabase db) {
        this.db = db;
    }

    /** From now on, writing the snapshot of {@code groupId} fails (before anything is written). */
    public void failWrites(GroupId groupId) {
        failing.add(groupId);
    }

    public void healWrites(GroupId groupId) {
        failing.remove(groupId);
    }

    /** The stored members of a group, as the storage holds them. */
    public Set<UserId> snapshot(GroupId groupId) {
        return Set.copyOf(snapshots.getOrDefault(groupId, new TreeMap<>()).keySet());
    }

    /** Every change of the group's members, oldest first. */
    public List<MembershipHistory.Event> history(GroupId groupId) {
        return history.stream().filter(event -> event.groupId().equals(groupId)).toList();
    }

    /** The groups whose snapshots were written (full evaluations), in the order they were written. */
    public List<GroupId> evaluatedInOrder() {
        return List.copyOf(evaluatedInOrder);
    }

    private Evaluation evaluation(GroupId groupId) {
        return evaluations.computeIfAbsent(groupId, id -> new Evaluation());
    }

    private Optional<Group> dynamicGroup(GroupId groupId, OrgId orgId) {
        return Optional.ofNullable(db.groups.get(groupId))
                .filter(group -> group.isDynamic() && Objects.equals(group.orgIdOrNull(), orgId));
    }

    private static final class Evaluation {
        RefreshClaims.Status status = RefreshClaims.Status.IDLE;
        Instant startedAt;
        Instant lastComputedAt;
        String lastError;
        int interval;
        Instant next;
        long memberCount;
        /** The claim's holder and lease end; no holder when nobody claims the group. */
        UUID holder;
        Instant expiresAt;

        boolean claimable(Instant now) {
            return holder == null || !expiresAt.isAfter(now);
        }
    }

    public final class Definitions implements DynamicGroupDefinitions {
        @Override
        public void saveRule(GroupId groupId, OrgId orgId, Rule rule) {
            db.requireTransaction();
            Group group = db.groups.get(groupId);
            if (group == null || !Objects.equals(group.orgIdOrNull(), orgId)) {
                throw new NotFound("group", groupId);
            }
            rules.put(groupId, RuleWriter.canonical(rule));
        }

        @Override
        public Optional<Map<String, Object>> rule(GroupId groupId, OrgId orgId) {
            return dynamicGroup(groupId, orgId).map(group -> rules.get(groupId));
        }
    }

    public final class Members implements DynamicMembersStore {
        /** The evaluation the write under way records its history events for. */
        private UUID evaluationOfWrite;

        private TreeMap<UserId, DynamicMember> of(GroupId groupId) {
            return snapshots.computeIfAbsent(groupId, id -> new TreeMap<>(Comparator.comparing(UserId::value)));
        }

        @Override
        public Page<DynamicMember> members(GroupId groupId, OrgId orgId, PageRequest page) {
            return InMemoryDatabase.page(List.copyOf(of(groupId).values()), page);
        }

        @Override
        public Set<UserId> memberIds(GroupId groupId, OrgId orgId) {
            return new HashSet<>(of(groupId).keySet());
        }

        @Override
        public Optional<DynamicMember> member(GroupId groupId, OrgId orgId, UserId userId) {
            return Optional.ofNullable(of(groupId).get(userId));
        }

        @Override
        public Diff applyDiff(GroupId groupId, OrgId orgId, Set<UserId> target, Set<UserId> included,
                              MembershipHistory.Cause cause, UUID evaluationId, Instant now) {
            requireDynamicGroup(groupId, orgId);
            evaluationOfWrite = evaluationId;
            target.stream().filter(userId -> !isOrgMember(orgId, userId)).findFirst().ifPresent(userId -> {
                throw notAnOrgMember(userId);
            });
            Diff diff = write(groupId, target, included, cause, now);
            evaluation(groupId).lastComputedAt = now;
            evaluatedInOrder.add(groupId);
            return diff;
        }

        @Override
        public Diff applyOne(GroupId groupId, OrgId orgId, UserId userId, Via via, MembershipHistory.Cause cause,
                             UUID evaluationId, Instant now) {
            requireDynamicGroup(groupId, orgId);
            evaluationOfWrite = evaluationId;
            if (via != null && !isOrgMember(orgId, userId)) {
                throw notAnOrgMember(userId);
            }
            Set<UserId> target = memberIds(groupId, orgId);
            Set<UserId> included = new HashSet<>();
            of(groupId).values().stream().filter(member -> member.via() == Via.INCLUDE)
                    .forEach(member -> included.add(member.userId()));
            included.remove(userId);
            target.remove(userId);
            if (via != null) {
                target.add(userId);
                if (via == Via.INCLUDE) {
                    included.add(userId);
                }
            }
            return write(groupId, target, included, cause, now);
        }

        private Diff write(GroupId groupId, Set<UserId> target, Set<UserId> included, MembershipHistory.Cause cause,
                           Instant now) {
            db.requireTransaction();
            if (failing.contains(groupId)) {
                throw new IllegalStateException("the storage refused the snapshot of " + groupId);
            }
            TreeMap<UserId, DynamicMember> stored = of(groupId);
            List<UserId> removed = stored.keySet().stream().filter(id -> !target.contains(id)).toList();
            List<UserId> added = target.stream().filter(id -> !stored.containsKey(id))
                    .sorted(Comparator.comparing(UserId::value)).toList();
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
            evaluation(groupId).memberCount = stored.size();
            return new Diff(added, removed, target.size() - added.size());
        }

        /** As the table: only a dynamic group of the org has a snapshot, and only members of the org are in it. */
        private void requireDynamicGroup(GroupId groupId, OrgId orgId) {
            Group group = db.groups.get(groupId);
            if (group == null || !Objects.equals(group.orgIdOrNull(), orgId)) {
                throw new NotFound("group", groupId);
            }
            if (!group.isDynamic()) {
                throw new RuleViolation("group-not-dynamic", "group " + groupId + " is not a dynamic group");
            }
        }

        private boolean isOrgMember(OrgId orgId, UserId userId) {
            return db.orgMembers.containsKey(new InMemoryDatabase.OrgMemberKey(orgId, userId));
        }

        private RuleViolation notAnOrgMember(UserId userId) {
            return new RuleViolation("not-an-org-member", "only members of the group's org can be computed members ("
                    + userId + " is not)");
        }

        private void record(GroupId groupId, UserId userId, MembershipHistory.Change change,
                            MembershipHistory.Cause cause, Instant now) {
            history.add(new MembershipHistory.Event(history.size() + 1, groupId, userId, change, cause, now,
                    evaluationOfWrite));
        }

        @Override
        public Page<MemberAt> membersAt(GroupId groupId, OrgId orgId, Instant at, PageRequest page) {
            Map<UserId, Instant> members = new HashMap<>();
            history(groupId).stream().filter(event -> !event.occurredAt().isAfter(at)).forEach(event -> {
                if (event.change() == MembershipHistory.Change.ADDED) {
                    members.put(event.userId(), event.occurredAt());
                } else {
                    members.remove(event.userId());
                }
            });
            return InMemoryDatabase.page(members.entrySet().stream().sorted(Map.Entry.comparingByKey(
                    Comparator.comparing(UserId::value))).map(entry -> new MemberAt(entry.getKey(),
                    entry.getValue())).toList(), page);
        }

        @Override
        public List<DynamicMembership> groupsOfUser(OrgId orgId, UserId userId) {
            return snapshots.entrySet().stream()
                    .filter(entry -> entry.getValue().containsKey(userId)
                            && dynamicGroup(entry.getKey(), orgId).isPresent())
                    .map(entry -> new DynamicMembership(entry.getKey(), entry.getValue().get(userId).since(),
                            entry.getValue().get(userId).via()))
                    .sorted(Comparator.comparing(membership -> membership.groupId().value()))
                    .toList();
        }
    }

    /** As the table: a user is on each list of a group once, and an entry names a group of its own org. */
    public final class Overrides implements OverrideRepository {
        private static final Comparator<OverrideEntry> ORDER = Comparator.comparing(OverrideEntry::createdAt)
                .thenComparing(OverrideEntry::id);

        @Override
        public void add(OverrideEntry entry) {
            db.requireTransaction();
            Group group = db.groups.get(entry.groupId());
            if (group == null || !Objects.equals(group.orgIdOrNull(), entry.orgId())) {
                throw new RuleViolation("reference-missing", "the change refers to something that does not exist"
                        + " (group_overrides_group_fk)");
            }
            if (overrideEntries.stream().anyMatch(other -> other.groupId().equals(entry.groupId())
                    && other.userId().equals(entry.userId()) && other.kind() == entry.kind())) {
                throw new Conflict("duplicate", "the user is on this list already");
            }
            overrideEntries.add(entry);
        }

        @Override
        public List<OverrideEntry> list(GroupId groupId, OrgId orgId) {
            return overrideEntries.stream().filter(entry -> entry.groupId().equals(groupId)
                    && entry.orgId().equals(orgId)).sorted(ORDER).toList();
        }

        @Override
        public Optional<OverrideEntry> find(GroupId groupId, OrgId orgId, UUID overrideId) {
            return list(groupId, orgId).stream().filter(entry -> entry.id().equals(overrideId)).findFirst();
        }

        @Override
        public boolean remove(GroupId groupId, OrgId orgId, UUID overrideId) {
            db.requireTransaction();
            return overrideEntries.removeIf(entry -> entry.groupId().equals(groupId) && entry.orgId().equals(orgId)
                    && entry.id().equals(overrideId));
        }

        @Override
        public List<OverrideEntry> claimExpired(Instant now, int limit) {
            db.requireTransaction();
            return overrideEntries.stream().filter(entry -> entry.expiresAt() != null && !entry.activeAt(now))
                    .sorted(Comparator.comparing(OverrideEntry::expiresAt).thenComparing(OverrideEntry::id))
                    .limit(limit).toList();
        }
    }

    public final class Claims implements RefreshClaims {
        @Override
        public List<Claim> claimDue(Instant now, Duration lease, int limit) {
            db.requireTransaction();
            List<Claim> claimed = db.groups.values().stream()
                    .filter(group -> group.isDynamic() && group.status() == GroupStatus.ACTIVE)
                    .filter(group -> {
                        Evaluation evaluation = evaluation(group.id());
                        return evaluation.next != null && !evaluation.next.isAfter(now)
                                && evaluation.claimable(now);
                    })
                    .sorted(Comparator.comparing((Group group) -> evaluation(group.id()).next)
                            .thenComparing(group -> group.id().value()))
                    .limit(limit)
                    .map(group -> start(group, now, lease))
                    .toList();
            return List.copyOf(claimed);
        }

        @Override
        public Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease) {
            db.requireTransaction();
            return dynamicGroup(groupId, orgId)
                    .filter(group -> group.status() == GroupStatus.ACTIVE && evaluation(groupId).claimable(now))
                    .map(group -> {
                        evaluation(groupId).next = now;
                        return start(group, now, lease);
                    });
        }

        private Claim start(Group group, Instant now, Duration lease) {
            Evaluation evaluation = evaluation(group.id());
            evaluation.status = Status.EVALUATING;
            evaluation.startedAt = now;
            evaluation.holder = UUID.randomUUID();
            evaluation.expiresAt = now.plus(lease);
            return new Claim(group.id(), group.orgIdOrNull(), evaluation.interval, evaluation.holder);
        }

        @Override
        public List<Claim> renew(Collection<Claim> claims, Instant now, Duration lease) {
            db.requireTransaction();
            List<Claim> renewed = new ArrayList<>();
            for (Claim claim : claims) {
                Evaluation evaluation = evaluations.get(claim.groupId());
                if (evaluation != null && claim.holder().equals(evaluation.holder)) {
                    Instant until = now.plus(lease);
                    evaluation.expiresAt = until.isAfter(evaluation.expiresAt) ? until : evaluation.expiresAt;
                    renewed.add(claim);
                }
            }
            return renewed;
        }

        @Override
        public boolean release(Claim claim, String error, Instant nextRefreshAt) {
            db.requireTransaction();
            if (dynamicGroup(claim.groupId(), claim.orgId()).isEmpty()) {
                return false;
            }
            Evaluation evaluation = evaluation(claim.groupId());
            if (!claim.holder().equals(evaluation.holder)) {
                return false;
            }
            evaluation.holder = null;
            evaluation.expiresAt = null;
            evaluation.status = error == null ? Status.IDLE : Status.FAILED;
            evaluation.lastError = error;
            boolean askedMeanwhile = evaluation.next != null && evaluation.startedAt != null
                    && evaluation.next.isAfter(evaluation.startedAt);
            evaluation.next = !askedMeanwhile ? nextRefreshAt
                    : nextRefreshAt == null || evaluation.next.isBefore(nextRefreshAt) ? evaluation.next : nextRefreshAt;
            evaluation.startedAt = null;
            return true;
        }

        @Override
        public void schedule(GroupId groupId, OrgId orgId, int intervalMinutes, Instant nextRefreshAt) {
            if (intervalMinutes < 0) {
                throw new IllegalArgumentException("refresh interval must not be negative");
            }
            db.requireTransaction();
            if (dynamicGroup(groupId, orgId).isEmpty()) {
                return;
            }
            Evaluation evaluation = evaluation(groupId);
            evaluation.interval = intervalMinutes;
            evaluation.next = nextRefreshAt;
        }

        @Override
        public Optional<State> state(GroupId groupId, OrgId orgId) {
            return dynamicGroup(groupId, orgId).map(group -> {
                Evaluation e = evaluation(groupId);
                return new State(e.status, e.startedAt, e.lastComputedAt, e.lastError, e.interval, e.next,
                        e.memberCount);
            });
        }
    }

    public final class Dependencies implements GroupDependencies {
        @Override
        public void lock(OrgId orgId) {
            // One thread: nothing to serialise.
        }

        @Override
        public void replace(GroupId groupId, OrgId orgId, Set<GroupId> referenced) {
            db.requireTransaction();
            if (!ofOrg(groupId, orgId) || !referenced.stream().allMatch(target -> ofOrg(target, orgId))) {
                // The table's foreign keys: both ends are groups of the org.
                throw new RuleViolation("reference-missing", "the change refers to something that does not exist"
                        + " (group_dependencies_depends_on_fk)");
            }
            dependsOn.put(groupId, Set.copyOf(referenced));
        }

        private boolean ofOrg(GroupId groupId, OrgId orgId) {
            Group group = db.groups.get(groupId);
            return group != null && orgId != null && orgId.equals(group.orgIdOrNull());
        }

        @Override
        public Set<GroupId> dependenciesOf(GroupId groupId, OrgId orgId) {
            return ofOrg(groupId, orgId) ? dependsOn.getOrDefault(groupId, Set.of()) : Set.of();
        }

        /** Kahn's algorithm over the groups that reach {@code groupId}; ties in id order, so the order is stable. */
        @Override
        public List<GroupId> dependentsInOrder(GroupId groupId, OrgId orgId) {
            if (!ofOrg(groupId, orgId)) {
                return List.of();
            }
            Set<GroupId> dependents = new HashSet<>();
            Deque<GroupId> pending = new ArrayDeque<>(List.of(groupId));
            while (!pending.isEmpty()) {
                GroupId next = pending.removeFirst();
                dependsOn.forEach((dependent, targets) -> {
                    if (targets.contains(next) && dependents.add(dependent)) {
                        pending.addLast(dependent);
                    }
                });
            }
            Map<GroupId, Long> waitingFor = new LinkedHashMap<>();
            dependents.forEach(id -> waitingFor.put(id, dependenciesOf(id, orgId).stream()
                    .filter(dependents::contains).count()));
            List<GroupId> order = new ArrayList<>();
            while (!waitingFor.isEmpty()) {
                GroupId ready = waitingFor.entrySet().stream().filter(entry -> entry.getValue() == 0)
                        .map(Map.Entry::getKey).min(Comparator.comparing(GroupId::value)).orElseThrow();
                waitingFor.remove(ready);
                order.add(ready);
                waitingFor.replaceAll((id, count) -> dependenciesOf(id, orgId).contains(ready) ? count - 1 : count);
            }
            return order;
        }

        @Override
        public List<GroupId> cycleThrough(GroupId groupId, OrgId orgId, Set<GroupId> referenced) {
            for (GroupId start : referenced) {
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
                return new ArrayList<>(List.of(to));
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

    /** Background work that waits until the test runs it; it can also refuse work, as a stopping instance does. */
    public static final class HeldBackgroundWork implements BackgroundWork {
        private final Deque<Runnable> queued = new ArrayDeque<>();
        private boolean refusing;

        @Override
        public boolean submit(Runnable work) {
            if (refusing) {
                return false;
            }
            queued.addLast(work);
            return true;
        }

        public void refuse() {
            refusing = true;
        }

        public int queued() {
            return queued.size();
        }

        /** Runs the oldest work handed over, as a pool's only free thread would. */
        public void runFirst() {
            queued.removeFirst().run();
        }

        /** Runs what was handed over, in order, as the pool would. */
        public void runAll() {
            while (!queued.isEmpty()) {
                queued.removeFirst().run();
            }
        }
    }

    public static final class Settings implements RefreshSettings {
        private long syncMemberLimit = 50_000;
        private int claimBatch = 10;
        private Duration lease = Duration.ofSeconds(30);

        public Settings syncMemberLimit(long limit) {
            this.syncMemberLimit = limit;
            return this;
        }

        public Settings claimBatch(int batch) {
            this.claimBatch = batch;
            return this;
        }

        @Override
        public long syncMemberLimit() {
            return syncMemberLimit;
        }

        public Settings lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        @Override
        public Duration lease() {
            return lease;
        }

        @Override
        public int claimBatch() {
            return claimBatch;
        }
    }

    /** The user ids of {@code ids}, for comparing with snapshots. */
    public static Set<UserId> users(String... ids) {
        return java.util.Arrays.stream(ids).map(UserId::of).collect(Collectors.toSet());
    }
}
