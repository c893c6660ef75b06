package circles.application.service.rule;

import circles.application.port.in.rule.PreviewRuleUseCase;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.MemberIndex;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.dynamic.RuleAuthors;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.domain.access.GroupAccess;
import circles.domain.access.GroupStructurePolicy;
import circles.domain.access.OrgAccess;
import circles.domain.actor.UserId;
import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.RuleProblem;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Previews of unsaved rules. Nothing is written: no snapshot, no history, no audit event. Without a group, the count
 * and the first page come from the member index when it holds a structure for every leaf of the rule, else from
 * the store's set-based query when it supports the rule (so that a count over a large
 * org never loads its members), otherwise from the in-memory evaluation; with a group, the whole target set is
 * computed as a refresh would compute it (overrides included) and compared with the group's current snapshot.
 * <p>
 * Errors about the rule point into the request ({@code /rule/all/0/value}), since the rule is one member of it.
 */
public final class RulePreviewService implements PreviewRuleUseCase {
    /** Where the rule sits in a preview request: rule errors are JSON pointers under it. */
    static final String RULE = "/rule";

    /** The collaborators, grouped so that the constructor stays readable. */
    public record Ports(RuleMemberQuery ruleMembers, OrgMemberRepository orgMembers, DynamicMembersStore members,
                        GroupDependencies dependencies, MemberIndex index) {
        /** Without a member index: counts and pages come from the set-based query or the in-memory path. */
        public Ports(RuleMemberQuery ruleMembers, OrgMemberRepository orgMembers, DynamicMembersStore members,
                     GroupDependencies dependencies) {
            this(ruleMembers, orgMembers, members, dependencies, MemberIndex.NONE);
        }
    }

    private final UnitOfWork tx;
    private final Access access;
    private final GroupRepository groups;
    private final RuleValidationService rules;
    private final DynamicGroupEngine engine;
    private final Ports ports;
    private final Clock clock;

    public RulePreviewService(UnitOfWork tx, Access access, GroupRepository groups, RuleValidationService rules,
                              DynamicGroupEngine engine, Ports ports, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.groups = groups;
        this.rules = rules;
        this.engine = engine;
        this.ports = ports;
        this.clock = clock;
    }

    @Override
    public Preview preview(Query query) {
        return tx.inTransaction(() -> {
            OrgId orgId = query.orgId();
            Group group = query.groupId() == null ? requireMayCreateGroups(orgId)
                    : requireManagedDynamicGroup(orgId, query.groupId());
            Rule rule = parse(query.rule());
            requireReadableReferences(orgId, group, rule);
            RuleAuthors.requireReadable(access, groups, orgId, rule);
            Instant now = clock.instant();
            int limit = query.limit();
            if (group != null) {
                return against(group, rule, now, limit);
            }
            Optional<MemberIndex.Selection> indexed = ports.index().select(orgId, rule);
            if (indexed.isPresent()) {
                return new Preview(indexed.get().count(), people(orgId, indexed.get().first(limit)), null, null, null);
            }
            if (ports.ruleMembers().supports(rule)) {
                return new Preview(ports.ruleMembers().count(orgId, rule, now),
                        people(orgId, ports.ruleMembers().firstMembers(orgId, rule, now, limit)), null, null, null);
            }
            Set<UserId> members = engine.ruleMembers(orgId, rule, now);
            return new Preview(members.size(), people(orgId, first(members, limit)), null, null, null);
        });
    }

    /** What saving the rule on {@code group} would make its members, next to its current snapshot. */
    private Preview against(Group group, Rule rule, Instant now, int limit) {
        OrgId orgId = group.orgIdOrNull();
        Set<UserId> target = engine.target(group, rule, now).members();
        Set<UserId> current = ports.members().memberIds(group.id(), orgId);
        List<UserId> added = target.stream().filter(id -> !current.contains(id)).toList();
        List<UserId> removed = current.stream().filter(id -> !target.contains(id)).toList();
        return new Preview(target.size(), people(orgId, first(target, limit)),
                new Change(added.size(), people(orgId, first(added, limit))),
                new Change(removed.size(), people(orgId, first(removed, limit))),
                (long) (target.size() - added.size()));
    }

    private Group requireMayCreateGroups(OrgId orgId) {
        GroupStructurePolicy.mayWriteRules(access.requireOrgMember(orgId)).orThrow();
        return null;
    }

    /**
     * The dynamic group the rule is previewed for: a group of the org that the caller sees (404 otherwise, as for a
     * group of another org) and whose settings they manage (403 otherwise).
     */
    private Group requireManagedDynamicGroup(OrgId orgId, GroupId groupId) {
        OrgAccess org = access.requireOrgMember(orgId);
        Group group = groups.findById(groupId).filter(found -> orgId.equals(found.orgIdOrNull()))
                .orElseThrow(() -> new NotFound("group", groupId));
        GroupAccess caller = access.group(group);
        if (!caller.mayView()) {
            throw new NotFound("group", groupId);
        }
        GroupStructurePolicy.mayWriteRules(org).orThrow();
        if (!group.isDynamic()) {
            throw new RuleViolation("group-not-dynamic", "group " + groupId + " is static: it has no rule to preview");
        }
        return group;
    }

    /** The rule, validated as a rule change validates it; the field errors point into the request. */
    private Rule parse(Object document) {
        try {
            return rules.parse(document);
        } catch (RuleViolation invalid) {
            if (invalid.errors().isEmpty()) {
                throw invalid;
            }
            throw ConfigReader.invalid(RuleProblem.ofCode(invalid.code()), invalid.errors().stream()
                    .map(error -> new FieldError(RULE + error.field(), error.message())).toList());
        }
    }

    /**
     * As a rule change: {@code member_of} reads only other groups of the same org, and a rule previewed for a group
     * must not close a cycle. Read only: the graph is neither locked nor changed.
     */
    private void requireReadableReferences(OrgId orgId, Group group, Rule rule) {
        Set<GroupId> referenced = rule.referencedGroups();
        for (GroupId id : referenced) {
            if (group != null && id.equals(group.id())) {
                throw RuleViolation.invalidField(RULE, "a group's rule cannot refer to the group itself");
            }
            boolean sameOrg = groups.findById(id).map(other -> orgId.equals(other.orgIdOrNull())).orElse(false);
            if (!sameOrg) {
                throw RuleViolation.invalidField(RULE, "member_of names group " + id
                        + ", which is not a group of this org");
            }
        }
        if (group != null && !referenced.isEmpty()) {
            List<GroupId> cycle = ports.dependencies().cycleThrough(group.id(), orgId, referenced);
            if (!cycle.isEmpty()) {
                throw RuleViolation.invalidField(RULE, "member_of would close a cycle: " + cycle.stream()
                        .map(GroupId::toString).collect(Collectors.joining(" -> ")));
            }
        }
    }

    /** The page's people, their profiles read in one look-up. */
    private List<Person> people(OrgId orgId, List<UserId> userIds) {
        Map<UserId, MemberProfile> profiles = new HashMap<>();
        for (OrgMember member : ports.orgMembers().findAll(orgId, userIds)) {
            profiles.put(member.userId(), member.profile());
        }
        List<Person> people = new ArrayList<>(userIds.size());
        for (UserId userId : userIds) {
            MemberProfile profile = profiles.getOrDefault(userId, MemberProfile.EMPTY);
            people.add(new Person(userId, profile.displayName(), profile.email()));
        }
        return people;
    }

    /** The {@code limit} smallest ids in order, without sorting all of them. */
    static List<UserId> first(Collection<UserId> userIds, int limit) {
        PriorityQueue<UserId> largestOnTop = new PriorityQueue<>(limit + 1, Comparator.reverseOrder());
        for (UserId userId : userIds) {
            largestOnTop.add(userId);
            if (largestOnTop.size() > limit) {
                largestOnTop.poll();
            }
        }
        List<UserId> first = new ArrayList<>(largestOnTop);
        first.sort(null);
        return first;
    }
}
