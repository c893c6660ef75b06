package circles.application.service.dynamic;

import circles.application.port.in.dynamic.EvaluationView;
import circles.application.port.in.dynamic.ExplainMembershipUseCase;
import circles.application.port.in.dynamic.GroupRuleUseCase;
import circles.application.port.in.group.GroupView;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.application.service.rule.RuleValidationService;
import circles.application.service.shared.Versions;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.EvaluationContext;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupStatus;
import circles.domain.group.MembershipStatus;
import circles.domain.group.dynamic.MembershipPolicy;
import circles.domain.group.dynamic.MembershipVerdict;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.rule.Evaluation;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;
import circles.domain.rule.RuleWriter;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Dynamic groups: defining their rule, evaluating it over the org (set-based in the store through
 * {@link RuleMemberQuery} when it supports every criterion of the rule, otherwise in memory over the org's members,
 * master-data trees and the members of the groups the rule reads), applying the overrides as
 * {@link MembershipPolicy} decides (exclude > include > rule, an include for active org members only) and writing
 * the difference to the member snapshot with its cause.
 */
public final class DynamicGroupService implements GroupRuleUseCase, ExplainMembershipUseCase {
    /**
     * The lease of a claim taken and ended in one transaction (a dependent of an evaluation, a group an event
     * re-evaluates). Its length never counts: until that transaction's commit, which also ends the claim, other
     * claimers skip or wait for the group's row it locks, so nothing renews it either.
     */
    static final Duration IN_TRANSACTION_LEASE = Duration.ofMinutes(10);
    private static final int PAGE = PageRequest.MAX_LIMIT;
    private static final int MAX_INTERVAL_MINUTES = 10_080;

    /** The collaborators, grouped so that the constructor stays readable. */
    public record Ports(DynamicGroupDefinitions definitions, DynamicMembersStore members,
                        OverrideRepository overrides, RefreshClaims claims, GroupDependencies dependencies,
                        OrgMemberRepository orgMembers, MasterDataRepository masterData,
                        MembershipRepository memberships, RuleMemberQuery ruleMembers) {
    }

    private final UnitOfWork tx;
    private final Access access;
    private final GroupRepository groups;
    private final RuleValidationService rules;
    private final Ports ports;
    private final Audit audit;
    private final Clock clock;
    private final RuleEvaluator evaluator = new RuleEvaluator();

    public DynamicGroupService(UnitOfWork tx, Access access, GroupRepository groups, RuleValidationService rules,
                               Ports ports, AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.groups = groups;
        this.rules = rules;
        this.ports = ports;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    /** A rule as given on a request, validated; the field errors point into {@code rule}. */
    public Rule parse(Object document) {
        if (document == null) {
            throw RuleViolation.invalidField("rule", "a dynamic group needs a rule");
        }
        return rules.parse(document);
    }

    public static int interval(Integer minutes) {
        if (minutes == null) {
            return 0;
        }
        if (minutes < 0 || minutes > MAX_INTERVAL_MINUTES) {
            throw RuleViolation.invalidField("refreshIntervalMinutes", "must be between 0 and " + MAX_INTERVAL_MINUTES);
        }
        return minutes;
    }

    /**
     * Stores the rule and schedule of a dynamic group saved in the current transaction and evaluates it at once.
     */
    public RefreshClaims.State install(Group group, Rule rule, int intervalMinutes, MembershipHistory.Cause cause) {
        OrgId orgId = requireOrg(group);
        checkReferences(group, rule);
        ports.definitions().saveRule(group.id(), orgId, rule);
        Instant now = clock.instant();
        ports.claims().schedule(group.id(), orgId, intervalMinutes, next(intervalMinutes, now));
        evaluateWithDependents(group, rule, cause, now);
        return ports.claims().state(group.id(), orgId).orElseThrow();
    }

    /** The rule must read only groups of the same org and must not close a member_of cycle. */
    private void checkReferences(Group group, Rule rule) {
        OrgId orgId = group.orgIdOrNull();
        Set<GroupId> referenced = rule.referencedGroups();
        ports.dependencies().lock(orgId);
        for (GroupId id : referenced) {
            if (id.equals(group.id())) {
                throw RuleViolation.invalidField("rule", "a group's rule cannot refer to the group itself");
            }
            boolean sameOrg = groups.findById(id).map(other -> orgId.equals(other.orgIdOrNull())).orElse(false);
            if (!sameOrg) {
                throw RuleViolation.invalidField("rule", "member_of names group " + id
                        + ", which is not a group of this org");
            }
        }
        Set<GroupId> read = readThroughNesting(referenced);
        if (read.contains(group.id())) {
            throw RuleViolation.invalidField("rule", "member_of names a group that holds group " + group.id()
                    + " as a subgroup, so the group would read its own members");
        }
        List<GroupId> cycle = ports.dependencies().cycleThrough(group.id(), orgId, read);
        if (!cycle.isEmpty()) {
            throw RuleViolation.invalidField("rule", "member_of would close a cycle: " + cycle.stream()
                    .map(GroupId::toString).collect(Collectors.joining(" -> ")));
        }
        ports.dependencies().replace(group.id(), orgId, referenced);
    }

    /**
     * The groups whose members a rule reading {@code referenced} reads: a static group's effective members include the
     * computed members of the dynamic groups nested under it.
     */
    private Set<GroupId> readThroughNesting(Set<GroupId> referenced) {
        Set<GroupId> read = new HashSet<>(referenced);
        for (GroupId id : referenced) {
            if (groups.findById(id).map(Group::isDynamic).orElse(true)) {
                continue;
            }
            groups.descendants(id).stream().filter(Group::isDynamic).map(Group::id).forEach(read::add);
        }
        return read;
    }

    /** The dynamic part of a group's view (null for a static group). */
    public GroupView.Dynamic describe(Group group) {
        if (!group.isDynamic() || group.orgIdOrNull() == null) {
            return null;
        }
        OrgId orgId = group.orgIdOrNull();
        Map<String, Object> rule = storedRule(group).orElse(null);
        RefreshClaims.State state = ports.claims().state(group.id(), orgId).orElse(null);
        if (state == null) {
            return new GroupView.Dynamic(rule, 0, new EvaluationView("idle", null, null, null));
        }
        return new GroupView.Dynamic(rule, state.refreshIntervalMinutes(), evaluationOf(state));
    }

    /** The member count of a dynamic group: its snapshot. */
    public long memberCount(Group group) {
        return ports.claims().state(group.id(), group.orgIdOrNull()).map(RefreshClaims.State::memberCount).orElse(0L);
    }

    EvaluationView evaluationOf(RefreshClaims.State state) {
        Long staleness = state.lastComputedAt() == null ? null
                : Math.max(0, Duration.between(state.lastComputedAt(), clock.instant()).toSeconds());
        return new EvaluationView(state.status().name().toLowerCase(java.util.Locale.ROOT), state.lastComputedAt(),
                staleness, state.lastError());
    }

    private java.util.Optional<Map<String, Object>> storedRule(Group group) {
        return ports.definitions().rule(group.id(), group.orgIdOrNull());
    }

    /** The stored rule of a dynamic group, parsed. */
    Rule storedRuleOf(Group group) {
        return rules.parse(storedRule(group).orElseThrow(() ->
                new IllegalStateException("dynamic group " + group.id() + " has no stored rule")));
    }

    /**
     * A full evaluation of the group ({@link #evaluate}) and, when its members changed, of the groups that read it
     * through {@code member_of}: in topological order, each one only when a group it reads changed in this pass,
     * with the cause {@code dependency}. All in the current transaction, so the group and its dependents change
     * together or not at all (a failing dependent fails the whole evaluation, named in the failure). A dependent
     * another evaluation holds right now is made due at once instead, for the scheduled refresh to take.
     */
    DynamicMembersStore.Diff evaluateWithDependents(Group group, Rule rule, MembershipHistory.Cause cause,
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
            var claim = ports.claims().claim(id, orgId, now, IN_TRANSACTION_LEASE);
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
            ports.claims().release(claim.get(), null, next(claim.get().refreshIntervalMinutes(), now));
        }
    }

    @Override
    public RuleView rule(GroupId groupId) {
        return tx.inTransaction(() -> {
            Group group = access.requireVisible(groupId).group();
            OrgId orgId = requireDynamic(group);
            int interval = ports.claims().state(groupId, orgId).map(RefreshClaims.State::refreshIntervalMinutes)
                    .orElse(0);
            return new RuleView(groupId, storedRule(group).orElse(Map.of()), interval, group.version());
        });
    }

    @Override
    public RuleView replace(ReplaceRule command) {
        return tx.inTransaction(() -> {
            Group group = access.requireSettingsRight(command.groupId()).group();
            OrgId orgId = requireDynamic(group);
            Versions.require("group", command.expectedVersion(), group.version());
            Rule rule = rules.parse(command.rule());
            int interval = command.refreshIntervalMinutes() == null
                    ? ports.claims().state(group.id(), orgId).map(RefreshClaims.State::refreshIntervalMinutes).orElse(0)
                    : interval(command.refreshIntervalMinutes());
            group.ruleChanged(clock.instant());
            Group saved = groups.save(group);
            RefreshClaims.State state = install(saved, rule, interval, MembershipHistory.Cause.RULE_CHANGE);
            Map<String, Object> canonical = RuleWriter.canonical(rule);
            audit.record(access.actor(), orgId, "group.rule_changed", "group", saved.id(), Map.of(
                    "criteria", rule.leafCount(), "memberCount", state.memberCount()));
            return new RuleView(saved.id(), canonical, interval, saved.version());
        });
    }

    @Override
    public Explanation explain(GroupId groupId, UserId userId) {
        return tx.inTransaction(() -> {
            var caller = access.requireVisible(groupId);
            Group group = caller.group();
            if (!caller.mayManageSettings() && !access.actor().userId().equals(userId)) {
                throw new NotAllowed("only those who manage group " + groupId
                        + " may ask why someone else is or is not a member");
            }
            OrgId orgId = requireDynamic(group);
            Instant now = clock.instant();
            Rule rule = rules.parse(storedRule(group).orElseThrow(() ->
                    new IllegalStateException("dynamic group " + groupId + " has no stored rule")));
            OrgSnapshot org = snapshot(orgId, rule.referencedGroups(), now);
            Evaluation evaluation = evaluator.explain(rule, userId, org);
            List<Node> nodes = evaluation.criteria().stream()
                    .map(node -> new Node(node.path(), node.criterion(), node.matched(), node.detail())).toList();
            MembershipVerdict verdict = MembershipPolicy.verdict(userId, ports.overrides().list(groupId, orgId), now,
                    () -> new MembershipPolicy.RuleAnswer(evaluation.member(), evaluation.reason()),
                    () -> org.candidate(userId).map(Candidate::isActive).orElse(false));
            return new Explanation(verdict.member(), verdict.reason(), nodes);
        });
    }

    public static OrgId requireDynamic(Group group) {
        if (!group.isDynamic()) {
            throw new RuleViolation("group-not-dynamic", "group " + group.id() + " is static: it has no rule");
        }
        return requireOrg(group);
    }

    private static OrgId requireOrg(Group group) {
        if (group.orgIdOrNull() == null) {
            throw RuleViolation.invalidField("orgId", "dynamic groups belong to an org");
        }
        return group.orgIdOrNull();
    }

    static Instant next(int intervalMinutes, Instant now) {
        return intervalMinutes == 0 ? null : now.plus(Duration.ofMinutes(intervalMinutes));
    }

    /** The rule over the org, then the overrides; the difference is written with {@code cause}. */
    DynamicMembersStore.Diff evaluate(Group group, Rule rule, MembershipHistory.Cause cause, Instant now) {
        Target target = target(group, rule, now);
        return ports.members().applyDiff(group.id(), group.orgIdOrNull(), target.members(), target.included(), cause,
                now);
    }

    /** The members a group would have: {@code included} is the part that only an include override puts there. */
    public record Target(Set<UserId> members, Set<UserId> included) {
    }

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
     * The org's active members that the rule selects: set-based in the store when it evaluates every criterion of
     * the rule (one statement, whatever the org's size), otherwise in memory over a snapshot of the whole org.
     */
    public Set<UserId> ruleMembers(OrgId orgId, Rule rule, Instant now) {
        if (ports.ruleMembers().supports(rule)) {
            return ports.ruleMembers().members(orgId, rule, now);
        }
        OrgSnapshot org = snapshot(orgId, rule.referencedGroups(), now);
        return evaluator.members(rule, org.memberIds(), org);
    }

    /** One look-up per include entry, so that the set-based path never loads the whole org for the overrides. */
    private boolean isActiveMember(OrgId orgId, UserId userId) {
        return ports.orgMembers().find(orgId, userId).map(OrgMember::isActive).orElse(false);
    }

    /** The rule and evaluation context of a dynamic group, for explaining one member. */
    EvaluationContext context(OrgId orgId, Rule rule) {
        return snapshot(orgId, rule.referencedGroups(), clock.instant());
    }

    /**
     * The stored rule of a dynamic group as a test of single users, judged in memory over the org as it is at
     * {@code now}, without the overrides: the incremental path for the few members an override change touches.
     */
    public java.util.function.Predicate<UserId> ruleVerdicts(Group group, Instant now) {
        Rule rule = rules.parse(storedRule(group).orElseThrow(() ->
                new IllegalStateException("dynamic group " + group.id() + " has no stored rule")));
        OrgSnapshot org = snapshot(group.orgIdOrNull(), rule.referencedGroups(), now);
        return userId -> evaluator.isMember(rule, userId, org);
    }

    private OrgSnapshot snapshot(OrgId orgId, Set<GroupId> referenced, Instant now) {
        List<OrgMember> members = all(page -> ports.orgMembers().list(orgId,
                new OrgMemberRepository.Filter(null, null, null), page));
        List<MasterDataNode> nodes = new ArrayList<>();
        for (MasterDataKind kind : MasterDataKind.values()) {
            if (kind.isTree()) {
                nodes.addAll(all(page -> ports.masterData().list(orgId, kind, MasterDataRepository.Filter.ALL, page)));
            }
        }
        Map<GroupId, Set<UserId>> groupMembers = new HashMap<>();
        for (GroupId id : referenced) {
            groupMembers.put(id, membersOf(id, orgId, now));
        }
        return OrgSnapshot.of(orgId, now, members, nodes, groupMembers);
    }

    private Set<UserId> membersOf(GroupId groupId, OrgId orgId, Instant now) {
        Group group = groups.findById(groupId).orElse(null);
        if (group == null || !orgId.equals(group.orgIdOrNull())) {
            return Set.of();
        }
        if (group.isDynamic()) {
            return ports.members().memberIds(groupId, orgId);
        }
        return all(page -> ports.memberships().listEffective(groupId,
                new MembershipRepository.Filter(null, MembershipStatus.ACTIVE), now, page)).stream()
                .map(member -> member.membership().userId()).collect(Collectors.toCollection(HashSet::new));
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> fetch) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = fetch.apply(new PageRequest(PAGE, cursor));
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }
}
