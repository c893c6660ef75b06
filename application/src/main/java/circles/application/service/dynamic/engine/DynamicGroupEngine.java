package circles.application.service.dynamic.engine;

import circles.application.service.event.PublicEvents;
import java.util.UUID;
import circles.application.port.in.dynamic.ExplainMembershipUseCase.Explanation;
import circles.application.port.in.dynamic.ExplainMembershipUseCase.Node;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.MemberIndex;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.override.OverrideRepository;
import circles.application.service.rule.RuleValidationService;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.activity.ActivityScoreCriterion;
import circles.domain.criterion.activity.InactiveForCriterion;
import circles.domain.criterion.activity.LastActiveWithinCriterion;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupStatus;
import circles.domain.group.dynamic.MembershipPolicy;
import circles.domain.group.dynamic.MembershipVerdict;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.rule.Evaluation;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The dynamic-group engine the use cases share: a group's target (its rule evaluated over the org, set-based in the
 * store through {@link RuleMemberQuery} when it supports every criterion of the rule, otherwise in memory, then the
 * overrides as {@link MembershipPolicy} decides), the difference written to the member snapshot through
 * {@link DynamicMembersStore} with its cause, and the dependents that read a changed group through {@code member_of},
 * re-evaluated in dependency order. It opens no transaction and checks no rights: its callers do both.
 */
public final class DynamicGroupEngine {
    /** The collaborators, grouped so that the constructor stays readable. */
    public record Ports(DynamicGroupDefinitions definitions, DynamicMembersStore members,
                        OverrideRepository overrides, RefreshClaims claims, GroupDependencies dependencies,
                        OrgMemberRepository orgMembers, MasterDataRepository masterData,
                        MembershipRepository memberships, RuleMemberQuery ruleMembers, MemberIndex index) {
        /** Without a member index: every rule takes the set-based or the in-memory path. */
        public Ports(DynamicGroupDefinitions definitions, DynamicMembersStore members, OverrideRepository overrides,
                     RefreshClaims claims, GroupDependencies dependencies, OrgMemberRepository orgMembers,
                     MasterDataRepository masterData, MembershipRepository memberships, RuleMemberQuery ruleMembers) {
            this(definitions, members, overrides, claims, dependencies, orgMembers, masterData, memberships,
                    ruleMembers, MemberIndex.NONE);
        }
    }

    /** The members a group would have: {@code included} is the part that only an include override puts there. */
    public record Target(Set<UserId> members, Set<UserId> included) {
    }

    private final GroupRepository groups;
    private final RuleValidationService rules;
    private final Ports ports;
    private final Clock clock;
    private final PublicEvents events;
    private final OrgSnapshots snapshots;
    private final RuleReferences references;
    private final RuleEvaluator evaluator = new RuleEvaluator();

    public DynamicGroupEngine(GroupRepository groups, RuleValidationService rules, Ports ports, Clock clock) {
        this(groups, rules, ports, clock, PublicEvents.discarding(clock));
    }

    /** With {@code events}, every change of a snapshot is recorded in the public event log too. */
    public DynamicGroupEngine(GroupRepository groups, RuleValidationService rules, Ports ports, Clock clock,
                              PublicEvents events) {
        this.events = events;
        this.groups = groups;
        this.rules = rules;
        this.ports = ports;
        this.clock = clock;
        this.snapshots = new OrgSnapshots(groups, ports.orgMembers(), ports.masterData(), ports.memberships(),
                ports.members());
        this.references = new RuleReferences(groups, ports.dependencies());
    }

    /**
     * Stores the rule and schedule of a dynamic group saved in the current transaction and evaluates it at once.
     */
    public RefreshClaims.State install(Group group, Rule rule, int intervalMinutes, MembershipHistory.Cause cause) {
        OrgId orgId = DynamicGroupChecks.requireOrg(group);
        references.checkAndRecord(group, rule);
        ports.definitions().saveRule(group.id(), orgId, rule);
        Instant now = clock.instant();
        ports.claims().schedule(group.id(), orgId, intervalMinutes, DynamicGroupChecks.next(intervalMinutes, now));
        evaluateWithDependents(group, rule, cause, now);
        return ports.claims().state(group.id(), orgId).orElseThrow();
    }

    /** The stored rule of a dynamic group, parsed. */
    public Rule storedRuleOf(Group group) {
        return rules.parse(ports.definitions().rule(group.id(), group.orgIdOrNull()).orElseThrow(() ->
                new IllegalStateException("dynamic group " + group.id() + " has no stored rule")));
    }

    // --- target --------------------------------------------------------------------------------------------

    /**
     * What the rule and the group's overrides make the group's members now ({@link MembershipPolicy}), without writing
     * anything.
     */
    public Target target(Group group, Rule rule, Instant now) {
        OrgId orgId = group.orgIdOrNull();
        MembershipPolicy.Members members = MembershipPolicy.members(ruleMembers(orgId, rule, now),
                ports.overrides().list(group.id(), orgId), now, userId -> isActiveMember(orgId, userId));
        return new Target(members.members(), members.included());
    }

    /**
     * The org's active members that the rule selects: from the member index when it holds a structure for every
     * leaf of the rule, else set-based in the store when it evaluates every criterion of the rule (one statement,
     * whatever the org's size), otherwise in memory over a snapshot of the whole org.
     */
    public Set<UserId> ruleMembers(OrgId orgId, Rule rule, Instant now) {
        Optional<MemberIndex.Selection> indexed = ports.index().select(orgId, rule);
        if (indexed.isPresent()) {
            return indexed.get().members();
        }
        if (ports.ruleMembers().supports(rule)) {
            return ports.ruleMembers().members(orgId, rule, now);
        }
        OrgSnapshot org = snapshots.of(orgId, rule.referencedGroups(), now);
        return evaluator.members(rule, org.memberIds(), org);
    }

    /** One look-up per include entry, so that the set-based path never loads the whole org for the overrides. */
    private boolean isActiveMember(OrgId orgId, UserId userId) {
        return ports.orgMembers().find(orgId, userId).map(OrgMember::isActive).orElse(false);
    }

    /**
     * The stored rule of a dynamic group as a test of single users, judged in memory over the org as it is at
     * {@code now}, without the overrides: the incremental path for the few members an override change touches.
     */
    public Predicate<UserId> ruleVerdicts(Group group, Instant now) {
        Rule rule = storedRuleOf(group);
        OrgSnapshot org = snapshots.of(group.orgIdOrNull(), rule.referencedGroups(), now);
        return userId -> evaluator.isMember(rule, userId, org);
    }

    /** Why {@code userId} is or is not a member of the group now: each criterion of its stored rule, then the overrides. */
    public Explanation explain(Group group, UserId userId, Instant now) {
        OrgId orgId = group.orgIdOrNull();
        Rule rule = storedRuleOf(group);
        OrgSnapshot org = snapshots.of(orgId, rule.referencedGroups(), now);
        Evaluation evaluation = evaluator.explain(rule, userId, org);
        List<Node> nodes = evaluation.criteria().stream()
                .map(node -> new Node(node.path(), node.criterion(), node.matched(), node.detail())).toList();
        MembershipVerdict verdict = MembershipPolicy.verdict(userId, ports.overrides().list(group.id(), orgId), now,
                () -> new MembershipPolicy.RuleAnswer(evaluation.member(), evaluation.reason()),
                () -> org.candidate(userId).map(Candidate::isActive).orElse(false));
        return new Explanation(verdict.member(), verdict.reason(), nodes);
    }

    // --- diff/apply and dependents -------------------------------------------------------------------------

    /** The rule over the org, then the overrides; the difference is written with {@code cause}. */
    public DynamicMembersStore.Diff evaluate(Group group, Rule rule, MembershipHistory.Cause cause, Instant now) {
        UUID evaluationId = UUID.randomUUID();
        if (readsActivity(rule) && ports.ruleMembers().supports(rule)) {
            var inPlace = applyInPlace(group, rule, cause, evaluationId, now);
            if (inPlace.isPresent()) {
                events.evaluated(group.orgIdOrNull(), group.id(), evaluationId, cause, inPlace.get().diff(),
                        inPlace.get().included());
                return inPlace.get().diff();
            }
        }
        Target target = target(group, rule, now);
        DynamicMembersStore.Diff diff = ports.members().applyDiff(group.id(), group.orgIdOrNull(), target.members(),
                target.included(), cause, evaluationId, now);
        events.evaluated(group.orgIdOrNull(), group.id(), evaluationId, cause, diff, target.included());
        return diff;
    }

    /**
     * A re-check of the users of {@code among} only, as an evaluation of its own: each of them ends as a full
     * evaluation would leave them, the rest of the snapshot stays. Only for a rule with a recency or score criterion
     * that the store evaluates where the snapshot lives; empty otherwise (the caller then evaluates the whole group).
     */
    public java.util.Optional<DynamicMembersStore.Diff> evaluateAmong(Group group, Rule rule, Set<UserId> among,
                                                                       MembershipHistory.Cause cause, Instant now) {
        if (!readsActivity(rule) || !ports.ruleMembers().supports(rule)) {
            return java.util.Optional.empty();
        }
        UUID evaluationId = UUID.randomUUID();
        OrgId orgId = group.orgIdOrNull();
        Overrides overrides = overridesInForce(group, now);
        var written = ports.members().applyRuleDiffAmong(group.id(), orgId, rule, now, overrides.includes(),
                overrides.excluded(), among, cause, evaluationId);
        written.ifPresent(found -> events.evaluated(orgId, group.id(), evaluationId, cause, found.diff(),
                found.included()));
        return written.map(DynamicMembersStore.RuleDiff::diff);
    }

    /** The users named by an include and by an exclude override in force at {@code now} (exclude wins). */
    private record Overrides(Set<UserId> includes, Set<UserId> excluded) {
    }

    private Overrides overridesInForce(Group group, Instant now) {
        Set<UserId> includes = new HashSet<>();
        Set<UserId> excluded = new HashSet<>();
        for (OverrideEntry entry : ports.overrides().list(group.id(), group.orgIdOrNull())) {
            if (entry.activeAt(now)) {
                (entry.kind() == OverrideKind.EXCLUDE ? excluded : includes).add(entry.userId());
            }
        }
        includes.removeAll(excluded);
        return new Overrides(includes, excluded);
    }

    /**
     * Whether the rule has a recency or score criterion. Such groups hold up to the whole org and are refreshed on a
     * schedule, so they are compared and written where the snapshot lives; other rules keep their own paths.
     */
    private static boolean readsActivity(Rule rule) {
        return rule.criteria().stream().anyMatch(criterion -> criterion instanceof LastActiveWithinCriterion
                || criterion instanceof InactiveForCriterion || criterion instanceof ActivityScoreCriterion);
    }

    /**
     * The rule evaluated and compared with the snapshot where the snapshot lives, when the store can: the overrides
     * in force go along as two small sets (exclude beats include beats the rule, as {@link MembershipPolicy} says).
     */
    private java.util.Optional<DynamicMembersStore.RuleDiff> applyInPlace(Group group, Rule rule,
                                                                           MembershipHistory.Cause cause,
                                                                           UUID evaluationId, Instant now) {
        Overrides overrides = overridesInForce(group, now);
        return ports.members().applyRuleDiff(group.id(), group.orgIdOrNull(), rule, now, overrides.includes(),
                overrides.excluded(), cause, evaluationId);
    }

    /**
     * The incremental path: makes one user a computed member of the group ({@code via} not null) or not, as an
     * evaluation of its own, recorded in the group's history and the public event log.
     */
    public DynamicMembersStore.Diff applyOne(GroupId groupId, OrgId orgId, UserId userId,
                                             DynamicMembersStore.Via via, MembershipHistory.Cause cause,
                                             Instant now) {
        UUID evaluationId = UUID.randomUUID();
        DynamicMembersStore.Diff diff = ports.members().applyOne(groupId, orgId, userId, via, cause, evaluationId,
                now);
        events.evaluated(orgId, groupId, evaluationId, cause, diff,
                via == DynamicMembersStore.Via.INCLUDE ? Set.of(userId) : Set.of());
        return diff;
    }

    /** An evaluation of the group failed: recorded in the public event log with the reason kept. */
    public void evaluationFailed(OrgId orgId, GroupId groupId, String lastError) {
        events.evaluationFailed(orgId, groupId, lastError);
    }

    /**
     * A full evaluation of the group ({@link #evaluate}) and, when its members changed, of the groups that read it
     * through {@code member_of}: in topological order, each one only when a group it reads changed in this pass,
     * with the cause {@code dependency}. All in the current transaction, so the group and its dependents change
     * together or not at all (a failing dependent fails the whole evaluation, named in the failure). A dependent
     * another evaluation holds right now is made due at once instead, for the scheduled refresh to take.
     */
    public DynamicMembersStore.Diff evaluateWithDependents(Group group, Rule rule, MembershipHistory.Cause cause,
                                                           Instant now) {
        DynamicMembersStore.Diff diff = evaluate(group, rule, cause, now);
        if (!diff.isEmpty()) {
            reevaluateDependents(group, now);
        }
        return diff;
    }

    private void reevaluateDependents(Group changedGroup, Instant now) {
        OrgId orgId = changedGroup.orgIdOrNull();
        Set<GroupId> changed = new HashSet<>(Set.of(changedGroup.id()));
        for (GroupId id : ports.dependencies().dependentsInOrder(changedGroup.id(), orgId)) {
            if (Collections.disjoint(ports.dependencies().dependenciesOf(id, orgId), changed)) {
                continue;
            }
            Group dependent = groups.findById(id)
                    .filter(found -> found.isDynamic() && orgId.equals(found.orgIdOrNull())
                            && found.status() == GroupStatus.ACTIVE)
                    .orElse(null);
            if (dependent == null) {
                continue;
            }
            var claim = ports.claims().claim(id, orgId, now, DynamicGroupChecks.IN_TRANSACTION_LEASE);
            if (claim.isEmpty()) {
                int interval = ports.claims().state(id, orgId).map(RefreshClaims.State::refreshIntervalMinutes)
                        .orElse(0);
                ports.claims().schedule(id, orgId, interval, now);
                continue;
            }
            try {
                if (!evaluate(dependent, storedRuleOf(dependent), MembershipHistory.Cause.DEPENDENCY, now).isEmpty()) {
                    changed.add(id);
                }
            } catch (RuntimeException failure) {
                throw new DependentEvaluationFailed(id, failure);
            }
            ports.claims().release(claim.get(), null,
                    DynamicGroupChecks.next(claim.get().refreshIntervalMinutes(), now));
        }
    }
}
