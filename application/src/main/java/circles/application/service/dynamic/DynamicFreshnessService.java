package circles.application.service.dynamic;

import circles.application.port.in.dynamic.RecheckMemberUseCase;
import circles.application.port.in.dynamic.ReevaluateGroupsUseCase;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.RecheckLookups;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.rule.RuleValidationService;
import circles.application.service.dynamic.engine.DynamicGroupChecks;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.directory.ActivityRecorded;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupStatus;
import circles.domain.group.dynamic.MembershipPolicy;
import circles.domain.group.dynamic.MembershipVerdict;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Event-driven freshness of dynamic groups (docs/design.md, Freshness). A change of one member re-checks that member
 * alone, in memory, against every dynamic group of the org whose rule is absolute: a {@link LookupContext} loads only
 * what the rules ask about (the member, members named in rules, the manager chain, master-data ancestors, the
 * memberships member_of reads), the overrides decide as in a full evaluation (exclude > include > rule, active members
 * only), and each changed verdict is written with {@link DynamicMembersStore#applyOne} (cause {@code data_change}).
 * Groups are visited in member_of order, so a group that reads another sees the member's new membership of it, and
 * every change travels on to the groups that read it (cause {@code dependency}).
 *
 * <p>Changes that move many members at once are evaluated over the whole org instead, group by group and claimed
 * like the dependents of a refresh (docs/adr/0011): a new manager of a large subtree, a department or location moved
 * in its tree, a bulk import. Groups whose rules hold relative criteria are never re-checked per member; they wait
 * for their schedule, unless a whole-org evaluation changed a group they read.
 *
 * <p>Every use case re-reads the current state and writes only differences, so a repeated delivery of an event
 * changes nothing.
 */
public final class DynamicFreshnessService implements RecheckMemberUseCase, ReevaluateGroupsUseCase {
    /** Subtrees up to this size are re-checked member by member; a larger one re-evaluates the groups concerned. */
    static final int SUBTREE_RECHECK_LIMIT = 1_000;
    private static final int RULE_CACHE_SIZE = 1_000;
    private static final System.Logger LOG = System.getLogger(DynamicFreshnessService.class.getName());

    /** The collaborators, grouped so that the constructor stays readable. */
    public record Ports(RecheckLookups lookups, DynamicMembersStore members, ReportingLines reportingLines,
                        MasterDataRepository masterData, GroupRepository groups, GroupDependencies dependencies,
                        RefreshClaims claims) {
    }

    /** An active dynamic group of the org with its rule. */
    record GroupRule(GroupId groupId, Rule rule) {
    }

    private final UnitOfWork tx;
    private final TenantScope tenant;
    private final DynamicGroupEngine engine;
    private final RuleValidationService rules;
    private final Ports ports;
    private final Clock clock;
    private final int subtreeLimit;
    private final RuleEvaluator evaluator = new RuleEvaluator();
    /** Parsed rules by their stored form: parsing validates every criterion, an event should not pay for it. */
    private final Map<Map<String, Object>, Rule> parsed = new ConcurrentHashMap<>();

    public DynamicFreshnessService(UnitOfWork tx, TenantScope tenant, DynamicGroupEngine engine,
                                   RuleValidationService rules, Ports ports, Clock clock) {
        this(tx, tenant, engine, rules, ports, clock, SUBTREE_RECHECK_LIMIT);
    }

    DynamicFreshnessService(UnitOfWork tx, TenantScope tenant, DynamicGroupEngine engine,
                            RuleValidationService rules, Ports ports, Clock clock, int subtreeLimit) {
        this.tx = tx;
        this.tenant = tenant;
        this.engine = engine;
        this.rules = rules;
        this.ports = ports;
        this.clock = clock;
        this.subtreeLimit = subtreeLimit;
    }

    @Override
    public void memberChanged(MemberChanged event) {
        tx.run(() -> {
            Recheck recheck = recheck(event.orgId());
            if (recheck == null) {
                return;
            }
            recheck.member(event.userId(), recheck.absoluteGroups(), Set.of(), Cause.DATA_CHANGE);
            if (movesReports(event)) {
                recheck.reportsBelow(event.userId());
            }
        });
    }

    /**
     * A new manager moves everyone below the member to another place in the reporting lines; a new email may make
     * rules that name the member by email find (or lose) them. An arrival has nobody below them yet, and a
     * departure gives every report an event of their own.
     */
    private static boolean movesReports(MemberChanged event) {
        return event.before() != null && event.after() != null
                && (event.changedFields().contains("managerId") || event.changedFields().contains("email"));
    }

    @Override
    public void groupMembershipChanged(GroupMembershipChanged event) {
        tx.run(() -> {
            OrgId orgId = event.orgId();
            tenant.enter(orgId);
            // An effective member of a group is one of its ancestors too.
            Set<GroupId> changed = new LinkedHashSet<>();
            changed.add(event.groupId());
            ports.groups().ancestors(event.groupId()).forEach(group -> changed.add(group.id()));
            boolean read = changed.stream()
                    .anyMatch(id -> !ports.dependencies().dependentsInOrder(id, orgId).isEmpty());
            if (!read) {
                return;
            }
            Recheck recheck = recheck(orgId);
            if (recheck != null) {
                recheck.member(event.userId(), Set.of(), changed, Cause.DEPENDENCY);
            }
        });
    }

    /**
     * The members' activity changed: each is re-checked alone in the groups with absolute rules that read activity
     * (recency criteria), with the cause data_change, and in the groups that read those (dependency). One lookup
     * context serves the whole batch: the members are loaded together, and the recency criteria read the org's last
     * activities at once as soon as more than a few members are asked about. A batch of more members than the subtree
     * limit (a bulk load of activity) re-evaluates those groups over the org instead.
     */
    @Override
    public void activityRecorded(ActivityRecorded event) {
        if (event.userIds().isEmpty()) {
            return;
        }
        tx.run(() -> {
            Recheck recheck = recheck(event.orgId());
            if (recheck == null) {
                return;
            }
            recheck.activity(event.userIds());
        });
    }

    @Override
    public void membersImported(MembersImported event) {
        if (!event.changedAny()) {
            return;
        }
        tx.run(() -> {
            tenant.enter(event.orgId());
            List<GroupRule> groups = rulesOf(event.orgId());
            reevaluate(event.orgId(), groups, ids(absolute(groups)), clock.instant());
        });
    }

    @Override
    public void masterDataTreeChanged(MasterDataTreeChanged event) {
        tx.run(() -> {
            tenant.enter(event.orgId());
            List<GroupRule> groups = rulesOf(event.orgId());
            Set<GroupId> reading = absolute(groups).stream()
                    .filter(group -> RuleReads.tree(group.rule(), event.kind()))
                    .map(GroupRule::groupId).collect(Collectors.toSet());
            if (!reading.isEmpty()) {
                reevaluate(event.orgId(), groups, reading, clock.instant());
            }
        });
    }

    // --- the per-member path ----------------------------------------------------------------------------

    /** A re-check of members of one org at one moment; null when the org has no group to re-check in. */
    private Recheck recheck(OrgId orgId) {
        tenant.enter(orgId);
        List<GroupRule> all = rulesOf(orgId);
        List<GroupRule> absolute = inDependencyOrder(absolute(all));
        if (absolute.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        LookupContext context = new LookupContext(orgId, now, new LookupContext.Reads(ports.lookups(),
                ports.members(), ports.reportingLines(), ports.masterData(), ports.groups()), ids(all));
        return new Recheck(orgId, now, all, absolute, context);
    }

    private final class Recheck {
        private final OrgId orgId;
        private final Instant now;
        private final List<GroupRule> all;
        private final List<GroupRule> ordered;
        private final LookupContext context;

        /** {@code ordered}: the groups with absolute rules, in dependency order; {@code all}: every group. */
        Recheck(OrgId orgId, Instant now, List<GroupRule> all, List<GroupRule> ordered, LookupContext context) {
            this.orgId = orgId;
            this.now = now;
            this.all = all;
            this.ordered = ordered;
            this.context = context;
        }

        Set<GroupId> absoluteGroups() {
            return ids(ordered);
        }

        /**
         * Re-checks the member in {@code targets} (with {@code cause}) and in every group that reads a group whose
         * membership of them changed, starting with {@code changed} (with cause dependency), in member_of order.
         */
        void member(UserId userId, Set<GroupId> targets, Set<GroupId> changed, Cause cause) {
            Set<GroupId> moved = new HashSet<>(changed);
            for (GroupRule group : ordered) {
                boolean readsMoved = !Collections.disjoint(group.rule().referencedGroups(), moved);
                if (!readsMoved && !targets.contains(group.groupId())) {
                    continue;
                }
                DynamicMembersStore.Via target = verdict(group, userId);
                DynamicMembersStore.Via stored = context.computedVia(group.groupId(), userId);
                if (target == stored) {
                    continue;
                }
                engine.applyOne(group.groupId(), orgId, userId, target,
                        readsMoved ? Cause.DEPENDENCY : cause, now);
                context.computed(group.groupId(), userId, target);
                dueAgainIfEvaluatedElsewhere(group.groupId());
                if ((target == null) != (stored == null)) {
                    moved.add(group.groupId());
                }
            }
        }

        /** As a full evaluation decides ({@link MembershipPolicy}); the rule is judged only if no exclude does. */
        private DynamicMembersStore.Via verdict(GroupRule group, UserId userId) {
            MembershipVerdict verdict = MembershipPolicy.verdict(userId, context.overrides(group.groupId(), userId),
                    now, () -> MembershipPolicy.RuleAnswer.of(evaluator.isMember(group.rule(), userId, context)),
                    () -> context.candidate(userId).map(Candidate::isActive).orElse(false));
            return DynamicMembersStore.Via.of(verdict);
        }

        /**
         * A full evaluation of the group that another transaction runs right now may have read the member before
         * this change and would write its older verdict after it: the group is made due at once, so that the
         * schedule evaluates it again right after (the release of that evaluation keeps the earlier due time).
         */
        private void dueAgainIfEvaluatedElsewhere(GroupId groupId) {
            ports.claims().state(groupId, orgId)
                    .filter(state -> state.status() == RefreshClaims.Status.EVALUATING)
                    .ifPresent(state -> ports.claims().schedule(groupId, orgId, state.refreshIntervalMinutes(), now));
        }

        /**
         * The members, in the groups that read activity (and the groups reading those). A batch of more members than
         * the subtree limit is re-checked set-based, one write per group rather than one per changed member: for
         * those members only where the store can (a cost that follows the batch, not the org), else by a
         * re-evaluation of the group over the org; the groups reading a group that changed are re-evaluated.
         */
        void activity(List<UserId> userIds) {
            Set<GroupId> reading = ordered.stream().filter(group -> RuleReads.activity(group.rule()))
                    .map(GroupRule::groupId).collect(Collectors.toCollection(LinkedHashSet::new));
            if (reading.isEmpty()) {
                return;
            }
            if (userIds.size() > subtreeLimit) {
                Set<UserId> among = Set.copyOf(userIds);
                Set<GroupId> whole = new LinkedHashSet<>();
                Set<GroupId> moved = new HashSet<>();
                for (GroupRule groupRule : ordered) {
                    if (!reading.contains(groupRule.groupId())) {
                        continue;
                    }
                    Optional<Group> group = activeDynamic(orgId, groupRule.groupId());
                    if (group.isEmpty()) {
                        continue;
                    }
                    Optional<DynamicMembersStore.Diff> diff = engine.evaluateAmong(group.get(), groupRule.rule(),
                            among, Cause.DATA_CHANGE, now);
                    if (diff.isEmpty()) {
                        whole.add(groupRule.groupId());
                    } else if (!diff.get().isEmpty()) {
                        moved.add(groupRule.groupId());
                        dueAgainIfEvaluatedElsewhere(groupRule.groupId());
                    }
                }
                if (!whole.isEmpty() || !moved.isEmpty()) {
                    reevaluate(orgId, all, whole, moved, now);
                }
                return;
            }
            context.preload(userIds);
            for (UserId userId : userIds) {
                member(userId, reading, Set.of(), Cause.DATA_CHANGE);
            }
        }

        /** Everyone below the member, in the groups that read reporting lines (and the groups reading those). */
        void reportsBelow(UserId managerId) {
            List<GroupRule> reading = ordered.stream().filter(group -> RuleReads.reportingLines(group.rule()))
                    .toList();
            if (reading.isEmpty()) {
                return;
            }
            List<UserId> below = ports.lookups().reportsBelow(orgId, managerId, subtreeLimit + 1);
            if (below.size() > subtreeLimit) {
                reevaluate(orgId, all, ids(reading), now);
                return;
            }
            context.preload(below);
            Set<GroupId> targets = ids(reading);
            for (UserId report : below) {
                member(report, targets, Set.of(), Cause.DATA_CHANGE);
            }
        }
    }

    // --- the whole-org path -------------------------------------------------------------------------------

    /**
     * Evaluates {@code targets} over the whole org, then every group that reads a group whose members changed (any
     * rule: a full evaluation judges relative criteria too), in member_of order, with the cause dependency. Each
     * group is claimed in this transaction like a dependent of a refresh (docs/adr/0011); one that another
     * evaluation holds right now is made due at once instead, for the schedule to take right after it.
     */
    private void reevaluate(OrgId orgId, List<GroupRule> groups, Set<GroupId> targets, Instant now) {
        reevaluate(orgId, groups, targets, Set.of(), now);
    }

    /**
     * As {@link #reevaluate(OrgId, List, Set, Instant)}, with {@code changed} the groups whose members already
     * changed in this transaction: the groups reading them are re-evaluated too.
     */
    private void reevaluate(OrgId orgId, List<GroupRule> groups, Set<GroupId> targets, Set<GroupId> changed,
                            Instant now) {
        Set<GroupId> moved = new HashSet<>(changed);
        for (GroupRule groupRule : inDependencyOrder(groups)) {
            boolean readsMoved = !Collections.disjoint(groupRule.rule().referencedGroups(), moved);
            if (!readsMoved && !targets.contains(groupRule.groupId())) {
                continue;
            }
            Group group = activeDynamic(orgId, groupRule.groupId()).orElse(null);
            if (group == null) {
                continue;
            }
            Optional<RefreshClaims.Claim> claim = ports.claims().claim(group.id(), orgId, now,
                    DynamicGroupChecks.IN_TRANSACTION_LEASE);
            if (claim.isEmpty()) {
                int interval = ports.claims().state(group.id(), orgId)
                        .map(RefreshClaims.State::refreshIntervalMinutes).orElse(0);
                ports.claims().schedule(group.id(), orgId, interval, now);
                continue;
            }
            DynamicMembersStore.Diff diff = engine.evaluate(group, groupRule.rule(),
                    readsMoved ? Cause.DEPENDENCY : Cause.DATA_CHANGE, now);
            ports.claims().release(claim.get(), null,
                    DynamicGroupChecks.next(claim.get().refreshIntervalMinutes(), now));
            if (!diff.isEmpty()) {
                moved.add(group.id());
            }
        }
    }

    /** The group, if it is an active dynamic group of the org. */
    private Optional<Group> activeDynamic(OrgId orgId, GroupId groupId) {
        return ports.groups().findById(groupId).filter(found -> found.isDynamic()
                && orgId.equals(found.orgIdOrNull()) && found.status() == GroupStatus.ACTIVE);
    }

    // --- rules ---------------------------------------------------------------------------------------------

    /** The org's active dynamic groups with their rules; a stored rule that no longer parses is left out. */
    private List<GroupRule> rulesOf(OrgId orgId) {
        List<GroupRule> groups = new ArrayList<>();
        for (RecheckLookups.StoredRule stored : ports.lookups().activeRules(orgId)) {
            try {
                groups.add(new GroupRule(stored.groupId(), parse(stored.canonicalRule())));
            } catch (RuleViolation unreadable) {
                LOG.log(System.Logger.Level.WARNING, "dynamic group {0} has a rule that no longer parses and is not"
                        + " kept fresh: {1}", stored.groupId(), unreadable.getMessage());
            }
        }
        return groups;
    }

    private Rule parse(Map<String, Object> canonical) {
        Rule rule = parsed.get(canonical);
        if (rule == null) {
            rule = rules.parse(canonical);
            if (parsed.size() >= RULE_CACHE_SIZE) {
                parsed.clear();
            }
            parsed.put(canonical, rule);
        }
        return rule;
    }

    private static List<GroupRule> absolute(List<GroupRule> groups) {
        return groups.stream().filter(group -> group.rule().absolute()).toList();
    }

    private static Set<GroupId> ids(Collection<GroupRule> groups) {
        return groups.stream().map(GroupRule::groupId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The groups, each after every group of the list that its rule reads (member_of), otherwise in the given order.
     * The service refuses member_of cycles; should one exist anyway, its groups come last, in the given order.
     */
    static List<GroupRule> inDependencyOrder(List<GroupRule> groups) {
        Map<GroupId, GroupRule> byId = new HashMap<>();
        groups.forEach(group -> byId.put(group.groupId(), group));
        Map<GroupId, Integer> waitingFor = new HashMap<>();
        Map<GroupId, List<GroupId>> readers = new HashMap<>();
        for (GroupRule group : groups) {
            int count = 0;
            for (GroupId read : group.rule().referencedGroups()) {
                if (byId.containsKey(read) && !read.equals(group.groupId())) {
                    readers.computeIfAbsent(read, id -> new ArrayList<>()).add(group.groupId());
                    count++;
                }
            }
            waitingFor.put(group.groupId(), count);
        }
        List<GroupRule> ordered = new ArrayList<>();
        Deque<GroupId> ready = new ArrayDeque<>();
        groups.stream().filter(group -> waitingFor.get(group.groupId()) == 0).forEach(g -> ready.add(g.groupId()));
        Set<GroupId> placed = new HashSet<>();
        while (!ready.isEmpty()) {
            GroupId next = ready.poll();
            if (!placed.add(next)) {
                continue;
            }
            ordered.add(byId.get(next));
            for (GroupId reader : readers.getOrDefault(next, List.of())) {
                if (waitingFor.merge(reader, -1, Integer::sum) == 0) {
                    ready.add(reader);
                }
            }
        }
        groups.stream().filter(group -> !placed.contains(group.groupId())).forEach(ordered::add);
        return ordered;
    }
}
