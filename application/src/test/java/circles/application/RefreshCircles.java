package circles.application;

import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.service.dynamic.DynamicGroupService;
import circles.application.service.dynamic.GroupRefreshService;
import circles.application.service.dynamic.RefreshClaimRenewalService;
import circles.application.service.dynamic.ScheduledRefreshService;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.group.GroupService;
import circles.application.service.rule.RuleValidationService;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupType;
import circles.domain.org.OrgId;

import java.util.List;
import java.util.Map;

/**
 * The application with dynamic groups and their refresh wired to in-memory ports, as bootstrap wires them to the
 * real adapters. Builds on {@link InMemoryCircles} (orgs, members, static groups, the caller and the clock).
 */
public final class RefreshCircles {
    public final InMemoryCircles circles = new InMemoryCircles();
    public final InMemoryDynamicGroups dynamic = new InMemoryDynamicGroups(circles.db);

    public final RuleValidationService rules = new RuleValidationService(CriterionRegistry.withBuiltIns(),
            (schema, config) -> List.of());
    public final DynamicGroupEngine engine = new DynamicGroupEngine(circles.groupRepository, rules,
            new DynamicGroupEngine.Ports(dynamic.definitions, dynamic.members,
            dynamic.overrides, dynamic.claims, dynamic.dependencies, circles.orgMemberRepository,
            circles.masterDataRepository, circles.membershipRepository,
            new InMemoryRuleMemberQuery(circles.orgMemberRepository, circles.masterDataRepository)), circles.clock);
    public final DynamicGroupViews views = new DynamicGroupViews(dynamic.definitions, dynamic.claims, circles.clock);
    public final DynamicGroupService dynamicGroups = new DynamicGroupService(circles.tx, circles.access,
            circles.groupRepository, engine, views, rules, circles.auditLog, circles.clock);
    public final GroupService groups = new GroupService(circles.tx, circles.access, circles.groupRepository,
            circles.membershipRepository, circles.orgMemberRepository, circles.auditLog, circles.clock,
            engine, views, rules);
    /** This instance's held claims and their heartbeat, which a test runs when it wants claims renewed. */
    public final RefreshClaimRenewalService renewals = new RefreshClaimRenewalService(circles.tx, dynamic.claims,
            dynamic.settings, circles.clock);
    public final GroupRefreshService refreshes = new GroupRefreshService(circles.tx, circles.access, circles.tenant,
            circles.groupRepository, circles.orgRepository, dynamic.claims, engine, renewals,
            dynamic.background, dynamic.settings, circles.auditLog, circles.clock);
    public final ScheduledRefreshService scheduled = new ScheduledRefreshService(circles.tx, circles.tenant,
            circles.groupRepository, dynamic.claims, engine, renewals, dynamic.settings, circles.auditLog,
            circles.clock);

    /** A dynamic group of the org created by its admin {@code adminId}, refreshed every {@code interval} minutes. */
    public Group dynamicGroup(OrgId orgId, String adminId, String name, Map<String, Object> rule, int interval) {
        circles.as(adminId);
        return groups.create(new CreateGroupUseCase.Command(DraftBuilder.named(name).in(orgId)
                .kind(GroupKind.DYNAMIC).type(GroupType.CUSTOM).build(), rule, interval)).group();
    }

    public static Map<String, Object> memberOf(GroupId groupId) {
        return Map.of("criterion", "member_of", "groupId", groupId.toString());
    }

    public static Map<String, Object> allMembers() {
        return Map.of("criterion", "all_members");
    }
}
