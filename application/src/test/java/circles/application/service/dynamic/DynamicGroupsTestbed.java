package circles.application.service.dynamic;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicGroupDefinitions;
import circles.application.InMemoryDynamicGroups;
import circles.application.InMemoryDynamicMembersStore;
import circles.application.InMemoryGroupDependencies;
import circles.application.InMemoryOverrideRepository;
import circles.application.InMemoryRefreshClaims;
import circles.application.InMemoryRuleMemberQuery;
import circles.application.port.in.dynamic.RefreshGroupUseCase;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.group.GroupService;
import circles.application.service.rule.RulePreviewService;
import circles.application.service.rule.RuleValidationService;
import circles.domain.actor.UserId;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupType;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The application's dynamic groups on in-memory ports: the services as bootstrap wires them, an org whose admin is
 * {@code ada}, and helpers to fill it. The dynamic-group service reads org members through a repository that counts
 * how often the whole org was listed (what the in-memory path does and the set-based path must not).
 */
public final class DynamicGroupsTestbed {
    public static final String ADMIN = "ada";

    public final InMemoryCircles circles = new InMemoryCircles();
    public final CountingOrgMembers orgMembers = new CountingOrgMembers(circles.orgMemberRepository);
    public final InMemoryDynamicGroupDefinitions definitions = new InMemoryDynamicGroupDefinitions(circles.db);
    public final InMemoryDynamicMembersStore snapshots = new InMemoryDynamicMembersStore(circles.db);
    public final InMemoryOverrideRepository overrides = new InMemoryOverrideRepository(circles.db);
    public final InMemoryGroupDependencies dependencies = new InMemoryGroupDependencies(circles.db);
    public final InMemoryRuleMemberQuery ruleQuery = new InMemoryRuleMemberQuery(circles.orgMemberRepository,
            circles.masterDataRepository);
    public final InMemoryRefreshClaims claims = new InMemoryRefreshClaims(circles.db, snapshots);
    public final RuleValidationService rules = new RuleValidationService(CriterionRegistry.withBuiltIns(),
            (schema, config) -> List.of());
    public final DynamicGroupEngine engine = new DynamicGroupEngine(circles.groupRepository, rules,
            new DynamicGroupEngine.Ports(definitions, snapshots, overrides,
            claims, dependencies, orgMembers, circles.masterDataRepository,
            circles.membershipRepository, ruleQuery), circles.clock);
    public final DynamicGroupViews views = new DynamicGroupViews(definitions, claims, circles.clock);
    public final GroupService groups = new GroupService(circles.tx, circles.access, circles.groupRepository,
            circles.membershipRepository, circles.orgMemberRepository, circles.auditLog, circles.clock,
            engine, views, rules);
    public final RulePreviewService previews = new RulePreviewService(circles.tx, circles.access, circles.groupRepository,
            rules, engine, new RulePreviewService.Ports(ruleQuery, circles.orgMemberRepository, snapshots,
            dependencies), circles.clock);
    public final GroupRefreshService refreshes = new GroupRefreshService(circles.tx, circles.access, circles.tenant,
            circles.groupRepository, circles.orgRepository, claims, engine,
            new RefreshClaimRenewalService(circles.tx, claims, new InMemoryDynamicGroups.Settings(), circles.clock),
            new InMemoryDynamicGroups.HeldBackgroundWork(), new InMemoryDynamicGroups.Settings(), circles.auditLog,
            circles.clock);
    public final OrgId org = circles.org("acme", ADMIN);

    /** A manual refresh by the current caller, answered at once (the org is far below the background limit). */
    public RefreshGroupUseCase.Result refresh(GroupId groupId) {
        return (RefreshGroupUseCase.Result) refreshes.refresh(groupId);
    }

    /** An attribute test of the department. */
    public static Map<String, Object> department(String value) {
        return Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", value);
    }

    public static Map<String, Object> memberOf(GroupId groupId) {
        return Map.of("criterion", "member_of", "groupId", groupId.toString());
    }

    /** An org member with a department, named after their id. */
    public void member(String userId, String department) {
        member(org, userId, department);
    }

    public void member(OrgId orgId, String userId, String department) {
        circles.asPlatformAdmin("seeder");
        circles.orgMembers.add(new AddOrgMemberUseCase.Command(orgId, UserId.of(userId), OrgRole.MEMBER,
                new MemberProfile(userId + "@acme.example", "Name of " + userId, department, null, null, null, null,
                        null, null, null, Map.of(), null)));
    }

    public void setStatus(String userId, MemberStatus status) {
        circles.tx.run(() -> {
            OrgMember member = circles.orgMemberRepository.find(org, UserId.of(userId)).orElseThrow();
            member.changeStatus(status, circles.clock.instant());
            circles.orgMemberRepository.save(member);
        });
    }

    public void setDepartment(String userId, String department) {
        circles.tx.run(() -> {
            OrgMember member = circles.orgMemberRepository.find(org, UserId.of(userId)).orElseThrow();
            MemberProfile p = member.profile();
            member.changeProfile(new MemberProfile(p.email(), p.displayName(), department, p.location(),
                    p.jobTitle(), p.managerId(), p.orgUnitPath(), p.employeeType(), p.costCenter(), p.userType(),
                    p.customAttributes(), p.lastLoginAt()), circles.clock.instant());
            circles.orgMemberRepository.save(member);
        });
    }

    /** A dynamic group of the org made by its admin (evaluated at once). */
    public GroupId dynamicGroup(String name, Object rule) {
        circles.as(ADMIN);
        return groups.create(new CreateGroupUseCase.Command(DraftBuilder.named(name).in(org)
                .type(GroupType.CUSTOM).kind(GroupKind.DYNAMIC).build(), rule, null)).group().id();
    }

    /** The snapshot of a dynamic group, as user id values. */
    public List<String> snapshot(GroupId groupId) {
        return snapshots.memberIds(groupId, org).stream().map(UserId::value).sorted().toList();
    }

    /** An include or exclude entry without expiry, put there by the org's admin. */
    public void override(GroupId groupId, String userId, OverrideKind kind) {
        circles.tx.run(() -> overrides.add(new OverrideEntry(UUID.randomUUID(), groupId, org,
                UserId.of(userId), kind, "because", null, UserId.of(ADMIN), circles.clock.instant())));
    }

    /** Counts the listings of a whole org; everything else goes straight through. */
    public static final class CountingOrgMembers implements OrgMemberRepository {
        private final OrgMemberRepository delegate;
        int listings;

        CountingOrgMembers(OrgMemberRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public OrgMember save(OrgMember member) {
            return delegate.save(member);
        }

        @Override
        public Optional<OrgMember> find(OrgId orgId, UserId userId) {
            return delegate.find(orgId, userId);
        }

        @Override
        public void delete(OrgId orgId, UserId userId) {
            delegate.delete(orgId, userId);
        }

        @Override
        public Page<OrgMember> list(OrgId orgId, Filter filter, PageRequest page) {
            if (page.cursor() == null) {
                listings++;
            }
            return delegate.list(orgId, filter, page);
        }

        @Override
        public List<UserId> existing(OrgId orgId, List<UserId> userIds) {
            return delegate.existing(orgId, userIds);
        }

        @Override
        public List<Membership> membershipsOf(UserId userId) {
            return delegate.membershipsOf(userId);
        }
    }
}
