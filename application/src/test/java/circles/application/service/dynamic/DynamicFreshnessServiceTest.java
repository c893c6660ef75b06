package circles.application.service.dynamic;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicGroups;
import circles.application.InMemoryRecheckLookups;
import circles.application.InMemoryRuleMemberQuery;
import circles.application.port.in.dynamic.RefreshGroupUseCase;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.masterdata.CreateMasterDataUseCase;
import circles.application.port.in.masterdata.UpdateMasterDataUseCase;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.member.UpdateOrgMemberUseCase;
import circles.application.port.in.membership.AddGroupMembersUseCase;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.group.GroupService;
import circles.application.service.membership.GroupMembershipService;
import circles.application.service.rule.RuleValidationService;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.CriterionType;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;
import circles.domain.criterion.activity.ActivityData;
import circles.domain.directory.ActivityRecorded;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupType;
import circles.domain.group.MembershipStatus;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.ProfilePatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event-driven freshness over in-memory ports: the events the use cases publish are delivered to the freshness use
 * cases as the outbox would deliver them, and the computed members must follow, with the right cause, and agree with
 * a full evaluation of every group afterwards.
 */
class DynamicFreshnessServiceTest {
    private static final int SUBTREE_LIMIT = 4;

    private final InMemoryCircles c = new InMemoryCircles();
    private final InMemoryDynamicGroups dyn = new InMemoryDynamicGroups(c.db);
    private final LatestActivity activity = new LatestActivity();
    private final RuleValidationService rules = new RuleValidationService(new CriterionRegistry(types(activity)),
            (schema, config) -> List.of());
    private final DynamicGroupEngine engine = new DynamicGroupEngine(c.groupRepository, rules,
            new DynamicGroupEngine.Ports(dyn.definitions, dyn.members, dyn.overrides, dyn.claims,
            dyn.dependencies, c.orgMemberRepository, c.masterDataRepository, c.membershipRepository,
            new InMemoryRuleMemberQuery(c.orgMemberRepository, c.masterDataRepository)), c.clock);
    private final GroupService groups = new GroupService(c.tx, c.access, c.groupRepository, c.membershipRepository,
            c.orgMemberRepository, c.auditLog, c.clock, engine,
            new DynamicGroupViews(dyn.definitions, dyn.claims, c.clock), rules);
    private final InMemoryRecheckLookups lookups = new InMemoryRecheckLookups(c.db, dyn);
    private final GroupRefreshService refreshes = new GroupRefreshService(c.tx, c.access, c.tenant,
            c.groupRepository, c.orgRepository, dyn.claims, engine,
            new RefreshClaimRenewalService(c.tx, dyn.claims, dyn.settings, c.clock), dyn.background, dyn.settings,
            c.auditLog, c.clock);
    private final GroupMembershipService staticMembers = new GroupMembershipService(c.tx, c.access,
            c.membershipRepository, c.orgMemberRepository, c.userRepository, c.auditLog, c.clock, dyn.members,
            c.directoryEvents);
    private final DynamicFreshnessService freshness = new DynamicFreshnessService(c.tx, c.tenant, engine,
            rules, new DynamicFreshnessService.Ports(lookups, dyn.members, c.reportingLines,
            c.masterDataRepository, c.groupRepository, dyn.dependencies, dyn.claims), c.clock, SUBTREE_LIMIT);

    private OrgId acme;
    private int changesDelivered;
    private int treeChangesDelivered;
    private int membershipChangesDelivered;

    @BeforeEach
    void anOrg() {
        acme = c.org("acme", "ann");
        c.asPlatformAdmin("root");
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static MemberProfile profile(String email, String department, String manager, Map<String, String> custom) {
        return new MemberProfile(email, null, department, null, null, manager == null ? null : UserId.of(manager),
                null, null, null, null, custom, null);
    }

    private void member(String id, String department) {
        member(id, department, null);
    }

    private void member(String id, String department, String manager) {
        c.orgMembers.add(new AddOrgMemberUseCase.Command(acme, UserId.of(id), OrgRole.MEMBER,
                profile(id + "@acme.example", department, manager, Map.of())));
    }

    private OrgMember patch(String id, ProfilePatch patch) {
        return c.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, UserId.of(id), null, null, null, patch));
    }

    private void department(String id, String department) {
        patch(id, new ProfilePatch(null, null, Optional.ofNullable(department), null, null, null, null, null, null,
                null, null, null));
    }

    private void manager(String id, String manager) {
        patch(id, ProfilePatch.managerId(Optional.ofNullable(manager).map(UserId::of)));
    }

    private void status(String id, MemberStatus status) {
        c.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, UserId.of(id), null, null, status));
    }

    private GroupId dynamic(String name, Object rule) {
        return groups.create(new CreateGroupUseCase.Command(DraftBuilder.named(name).in(acme).kind(GroupKind.DYNAMIC)
                .type(GroupType.CUSTOM).build(), rule, null)).group().id();
    }

    private GroupId staticGroup(String name) {
        return groups.create(new CreateGroupUseCase.Command(DraftBuilder.named(name).in(acme).build())).group().id();
    }

    private static Map<String, Object> attribute(String field, String operator, String value) {
        return Map.of("criterion", "attribute", "field", field, "operator", operator, "value", value);
    }

    private static Map<String, Object> memberOf(GroupId groupId) {
        return Map.of("criterion", "member_of", "groupId", groupId.toString());
    }

    private static Map<String, Object> reportsTo(String manager) {
        return Map.of("criterion", "reports_to", "managerId", manager, "includeNested", true);
    }

    private static Map<String, Object> all(Object... parts) {
        return Map.of("all", List.of(parts));
    }

    private void treeNode(MasterDataKind kind, String key, String parent) {
        c.masterData.create(new CreateMasterDataUseCase.Command(acme, kind, MasterDataKey.of(key), key,
                parent == null ? null : MasterDataKey.of(parent), null));
    }

    private void move(MasterDataKind kind, String key, String parent) {
        c.masterData.update(new UpdateMasterDataUseCase.Command(acme, kind, MasterDataKey.of(key), null, null,
                Optional.ofNullable(parent).map(MasterDataKey::of), null));
    }

    /** Hands every event published since the last call to the freshness use cases, as the outbox does. */
    private void deliver() {
        List<MemberChanged> changes = c.directoryEvents.changes();
        changes.subList(changesDelivered, changes.size()).forEach(freshness::memberChanged);
        changesDelivered = changes.size();
        List<GroupMembershipChanged> memberships = c.directoryEvents.membershipChanges();
        memberships.subList(membershipChangesDelivered, memberships.size()).forEach(freshness::groupMembershipChanged);
        membershipChangesDelivered = memberships.size();
        List<MasterDataTreeChanged> trees = c.directoryEvents.treeChanges();
        trees.subList(treeChangesDelivered, trees.size()).forEach(freshness::masterDataTreeChanged);
        treeChangesDelivered = trees.size();
    }

    private Set<String> members(GroupId groupId) {
        return dyn.members.memberIds(groupId, acme).stream().map(UserId::value)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private List<String> history(GroupId groupId, String userId) {
        return dyn.history(groupId).stream().filter(event -> event.userId().value().equals(userId))
                .map(event -> event.change().name().toLowerCase() + " " + event.cause().name().toLowerCase())
                .toList();
    }

    /** A manual refresh of the group: a full evaluation over the org. */
    private RefreshGroupUseCase.Result refresh(GroupId groupId) {
        return (RefreshGroupUseCase.Result) refreshes.refresh(groupId);
    }

    /** A full evaluation of every dynamic group of the org finds nothing the events left undone. */
    private void assertAgreesWithAFullEvaluation() {
        for (var stored : lookups.activeRules(acme)) {
            var refreshed = refresh(stored.groupId());
            assertThat(refreshed.added() + refreshed.removed())
                    .as("a refresh of %s after the events", stored.groupId()).isZero();
        }
    }

    // --- one member -----------------------------------------------------------------------------------------

    @Test
    void a_profile_change_moves_the_member_between_groups_at_once_with_cause_data_change() {
        member("alice", "engineering");
        member("bob", "sales");
        GroupId engineering = dynamic("Engineering", attribute("department", "equals", "engineering"));
        GroupId sales = dynamic("Sales", attribute("department", "equals", "sales"));
        deliver();

        department("bob", "engineering");
        int readsBefore = lookups.reads();
        deliver();

        assertThat(members(engineering)).containsExactly("alice", "bob");
        assertThat(members(sales)).isEmpty();
        assertThat(history(engineering, "bob")).containsExactly("added data_change");
        assertThat(history(sales, "bob")).containsExactly("added rule_change", "removed data_change");
        assertThat(lookups.reads() - readsBefore).as("lookups for one change").isLessThanOrEqualTo(5);
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void an_arriving_member_joins_and_a_deactivated_one_leaves_even_when_an_override_includes_them() {
        member("alice", "engineering");
        GroupId engineering = dynamic("Engineering", attribute("department", "equals", "engineering"));
        member("bob", "engineering");
        deliver();
        member("carol", "sales");
        include(engineering, "carol");
        deliver();
        assertThat(members(engineering)).containsExactly("alice", "bob", "carol");
        assertThat(history(engineering, "bob")).containsExactly("added data_change");

        status("bob", MemberStatus.SUSPENDED);
        status("carol", MemberStatus.DEACTIVATED);
        deliver();

        assertThat(members(engineering)).containsExactly("alice");
        assertThat(history(engineering, "carol")).containsExactly("added manual_refresh", "removed data_change");
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void an_exclude_keeps_a_matching_member_out_and_an_include_keeps_one_the_rule_no_longer_matches() {
        member("alice", "engineering");
        member("bob", "sales");
        GroupId engineering = dynamic("Engineering", attribute("department", "equals", "engineering"));
        exclude(engineering, "bob");
        include(engineering, "alice");
        deliver();

        department("bob", "engineering");
        department("alice", "sales");
        deliver();

        assertThat(members(engineering)).containsExactly("alice");
        assertThat(dyn.members.member(engineering, acme, UserId.of("alice")).orElseThrow().via())
                .isEqualTo(DynamicMembersStore.Via.INCLUDE);
        assertThat(history(engineering, "bob")).isEmpty();
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void a_second_delivery_of_the_same_event_changes_nothing() {
        member("alice", "sales");
        GroupId engineering = dynamic("Engineering", attribute("department", "equals", "engineering"));
        deliver();
        department("alice", "engineering");
        MemberChanged change = c.directoryEvents.changes().getLast();

        freshness.memberChanged(change);
        freshness.memberChanged(change);

        assertThat(members(engineering)).containsExactly("alice");
        assertThat(history(engineering, "alice")).containsExactly("added data_change");
        assertThat(dyn.claims.state(engineering, acme).orElseThrow().memberCount()).isEqualTo(1);
    }

    @Test
    void groups_with_relative_criteria_wait_for_their_schedule() {
        c.orgMembers.add(new AddOrgMemberUseCase.Command(acme, UserId.of("alice"), OrgRole.MEMBER,
                profile("alice@acme.example", "sales", null, Map.of("score", "10"))));
        department("alice", "engineering");
        GroupId top = dynamic("Top", all(attribute("department", "equals", "sales"),
                Map.of("criterion", "top_scorers", "threshold", 50)));
        GroupId salesTop = dynamic("Sales of the top", memberOf(top));
        GroupId sales = dynamic("Sales", attribute("department", "equals", "sales"));
        deliver();
        assertThat(members(top)).isEmpty();

        patch("alice", new ProfilePatch(null, null, null, null, null, null, null, null, null, null,
                new ProfilePatch.AttributeChanges(false, Map.of("score", "90"), Set.of()), null));
        department("alice", "sales");
        deliver();

        assertThat(members(top)).as("relative: left to the schedule").isEmpty();
        assertThat(members(salesTop)).isEmpty();
        assertThat(members(sales)).containsExactly("alice");
        assertThat(refresh(top).added()).as("the schedule's full evaluation").isEqualTo(1);
    }

    @Test
    void an_absolute_activity_criterion_is_judged_for_the_changed_member_alone() {
        member("alice", "sales");
        member("bob", "sales");
        activity.latest.put(UserId.of("alice"), c.clock.instant().minus(Duration.ofDays(2)));
        activity.latest.put(UserId.of("bob"), c.clock.instant().minus(Duration.ofDays(20)));
        GroupId activeEngineers = dynamic("Active engineers", all(attribute("department", "equals", "engineering"),
                Map.of("criterion", "last_active_within", "days", 7)));
        deliver();

        department("alice", "engineering");
        department("bob", "engineering");
        deliver();

        assertThat(members(activeEngineers)).containsExactly("alice");
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void ingested_activity_re_checks_its_members_in_recency_groups_and_the_groups_reading_them() {
        member("alice", "sales");
        member("bob", "sales");
        GroupId recent = dynamic("Recent", Map.of("criterion", "last_active_within", "days", 7));
        GroupId inactive = dynamic("Inactive", Map.of("criterion", "inactive_for", "days", 7));
        GroupId recentSales = dynamic("Recent sales", all(memberOf(recent),
                attribute("department", "equals", "sales")));
        GroupId sales = dynamic("Sales", attribute("department", "equals", "sales"));
        deliver();
        assertThat(members(recent)).isEmpty();
        assertThat(members(inactive)).containsExactly("alice", "ann", "bob");

        activity.latest.put(UserId.of("alice"), c.clock.instant().minus(Duration.ofHours(1)));
        activity.latest.put(UserId.of("bob"), c.clock.instant().minus(Duration.ofDays(30)));
        ActivityRecorded recorded = ActivityRecorded.of(acme, List.of(UserId.of("alice"), UserId.of("bob")),
                c.clock.instant());
        freshness.activityRecorded(recorded);

        assertThat(members(recent)).containsExactly("alice");
        assertThat(history(recent, "alice")).containsExactly("added data_change");
        assertThat(members(inactive)).containsExactly("ann", "bob");
        assertThat(history(inactive, "alice")).containsExactly("added rule_change", "removed data_change");
        assertThat(members(recentSales)).containsExactly("alice");
        assertThat(history(recentSales, "alice")).containsExactly("added dependency");
        assertThat(history(sales, "alice")).as("a rule that reads no activity is not touched")
                .containsExactly("added rule_change");

        int events = dyn.history(recent).size() + dyn.history(inactive).size() + dyn.history(recentSales).size();
        freshness.activityRecorded(recorded);
        assertThat(dyn.history(recent).size() + dyn.history(inactive).size() + dyn.history(recentSales).size())
                .as("a second delivery changes nothing").isEqualTo(events);
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void activity_of_more_members_than_the_limit_re_evaluates_the_recency_groups_over_the_org() {
        List<UserId> active = new ArrayList<>();
        for (int i = 0; i <= SUBTREE_LIMIT; i++) {
            member("m" + i, "sales");
            active.add(UserId.of("m" + i));
        }
        GroupId recent = dynamic("Recent", Map.of("criterion", "last_active_within", "days", 7));
        GroupId sales = dynamic("Sales", attribute("department", "equals", "sales"));
        deliver();
        active.forEach(userId -> activity.latest.put(userId, c.clock.instant().minus(Duration.ofHours(1))));

        freshness.activityRecorded(ActivityRecorded.of(acme, active, c.clock.instant()));

        assertThat(members(recent)).containsExactlyElementsOf(active.stream().map(UserId::value).sorted().toList());
        assertThat(history(recent, "m0")).containsExactly("added data_change");
        assertThat(history(sales, "m0")).as("a rule that reads no activity is not evaluated")
                .containsExactly("added rule_change");
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void ingested_activity_leaves_groups_with_activity_scores_to_their_schedule() {
        member("alice", "sales");
        GroupId top = dynamic("Top", Map.of("criterion", "top_scorers", "threshold", 50));
        GroupId recent = dynamic("Recent", Map.of("criterion", "last_active_within", "days", 7));
        deliver();
        int before = dyn.history(top).size();

        activity.latest.put(UserId.of("alice"), c.clock.instant());
        freshness.activityRecorded(ActivityRecorded.of(acme, List.of(UserId.of("alice")), c.clock.instant()));

        assertThat(members(recent)).containsExactly("alice");
        assertThat(dyn.history(top)).as("relative: left to the schedule").hasSize(before);
    }

    // --- reporting lines --------------------------------------------------------------------------------

    private void reportingTree() {
        member("ceo", "board");
        member("vp1", "engineering", "ceo");
        member("vp2", "sales", "ceo");
        member("m1", "engineering", "vp1");
        member("e1", "engineering", "m1");
        member("e2", "engineering", "m1");
    }

    @Test
    void a_new_manager_moves_the_members_whole_subtree_in_groups_that_read_reporting_lines() {
        reportingTree();
        GroupId underVp1 = dynamic("Under vp1", reportsTo("vp1"));
        GroupId underVp2ByEmail = dynamic("Under vp2", reportsTo("  VP2@acme.example "));
        GroupId engineers = dynamic("Engineers", attribute("department", "equals", "engineering"));
        deliver();
        assertThat(members(underVp1)).containsExactly("e1", "e2", "m1");

        manager("m1", "vp2");
        deliver();

        assertThat(members(underVp1)).isEmpty();
        assertThat(members(underVp2ByEmail)).containsExactly("e1", "e2", "m1");
        assertThat(history(underVp2ByEmail, "e2")).containsExactly("added data_change");
        assertThat(dyn.history(engineers)).allMatch(event -> event.cause() == Cause.RULE_CHANGE);
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void a_subtree_larger_than_the_limit_re_evaluates_the_groups_that_read_reporting_lines_over_the_org() {
        reportingTree();
        member("e3", "engineering", "m1");
        member("e4", "engineering", "e3");
        member("e5", "engineering", "e4");
        GroupId underVp2 = dynamic("Under vp2", reportsTo("vp2"));
        deliver();

        manager("m1", "vp2");
        deliver();

        assertThat(members(underVp2)).containsExactly("e1", "e2", "e3", "e4", "e5", "m1");
        assertThat(history(underVp2, "e4")).containsExactly("added data_change");
        assertThat(dyn.claims.state(underVp2, acme).orElseThrow().status())
                .isEqualTo(circles.application.port.out.dynamic.RefreshClaims.Status.IDLE);
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void a_member_named_by_email_in_a_rule_takes_their_reports_along_when_the_email_changes() {
        reportingTree();
        GroupId underBoss = dynamic("Under the boss", reportsTo("boss@acme.example"));
        deliver();
        assertThat(members(underBoss)).isEmpty();

        patch("vp1", new ProfilePatch(Optional.of("Boss@Acme.example"), null, null, null, null, null, null, null,
                null, null, null, null));
        deliver();

        assertThat(members(underBoss)).containsExactly("e1", "e2", "m1");
        assertAgreesWithAFullEvaluation();
    }

    // --- master data trees --------------------------------------------------------------------------------

    @Test
    void a_moved_department_re_evaluates_the_groups_testing_positions_in_that_tree() {
        treeNode(MasterDataKind.DEPARTMENT, "engineering", null);
        treeNode(MasterDataKind.DEPARTMENT, "sales", null);
        treeNode(MasterDataKind.DEPARTMENT, "backend", "engineering");
        member("alice", "backend");
        member("bob", "sales");
        GroupId underEngineering = dynamic("Under engineering", attribute("department", "is_under", "engineering"));
        GroupId underSales = dynamic("Under sales", attribute("department", "is_under", "sales"));
        GroupId backend = dynamic("Backend", attribute("department", "equals", "backend"));
        GroupId readsUnderSales = dynamic("Reads under sales", memberOf(underSales));
        deliver();
        assertThat(members(underEngineering)).containsExactly("alice");
        var backendBefore = dyn.claims.state(backend, acme).orElseThrow().lastComputedAt();

        c.clock.advance(Duration.ofMinutes(1));
        move(MasterDataKind.DEPARTMENT, "backend", "sales");
        deliver();

        assertThat(members(underEngineering)).isEmpty();
        assertThat(members(underSales)).containsExactly("alice", "bob");
        assertThat(history(underSales, "alice")).containsExactly("added data_change");
        assertThat(members(readsUnderSales)).containsExactly("alice", "bob");
        assertThat(history(readsUnderSales, "alice")).containsExactly("added dependency");
        assertThat(dyn.claims.state(backend, acme).orElseThrow().lastComputedAt())
                .as("a group that does not test tree positions is left alone").isEqualTo(backendBefore);
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void a_department_created_under_a_parent_gives_the_members_naming_it_their_ancestors() {
        treeNode(MasterDataKind.DEPARTMENT, "engineering", null);
        member("alice", "platform");
        GroupId underEngineering = dynamic("Under engineering", attribute("department", "is_under", "engineering"));
        deliver();
        assertThat(members(underEngineering)).isEmpty();

        treeNode(MasterDataKind.DEPARTMENT, "platform", "engineering");
        deliver();

        assertThat(members(underEngineering)).containsExactly("alice");
    }

    @Test
    void a_group_another_instance_is_evaluating_is_made_due_at_once_for_the_schedule() {
        treeNode(MasterDataKind.DEPARTMENT, "engineering", null);
        treeNode(MasterDataKind.DEPARTMENT, "backend", null);
        member("alice", "backend");
        GroupId underEngineering = dynamic("Under engineering", attribute("department", "is_under", "engineering"));
        deliver();
        c.clock.advance(Duration.ofMinutes(1));
        var elsewhere = c.tx.inTransaction(() -> dyn.claims.claim(underEngineering, acme, c.clock.instant(),
                dyn.settings.lease())).orElseThrow();
        c.clock.advance(Duration.ofSeconds(1));

        move(MasterDataKind.DEPARTMENT, "backend", "engineering");
        deliver();

        assertThat(members(underEngineering)).as("left to the evaluation running elsewhere").isEmpty();
        c.tx.run(() -> dyn.claims.release(elsewhere, null, null));
        assertThat(dyn.claims.state(underEngineering, acme).orElseThrow().nextRefreshAt())
                .as("due again right after the other evaluation").isEqualTo(c.clock.instant());
        assertThat(elsewhere.groupId()).isEqualTo(underEngineering);
    }

    @Test
    void a_member_re_checked_while_another_instance_evaluates_the_group_makes_it_due_again() {
        member("alice", "sales");
        GroupId engineering = dynamic("Engineering", attribute("department", "equals", "engineering"));
        deliver();
        c.clock.advance(Duration.ofMinutes(1));
        c.tx.run(() -> dyn.claims.claim(engineering, acme, c.clock.instant(), dyn.settings.lease()));
        c.clock.advance(Duration.ofSeconds(1));

        department("alice", "engineering");
        deliver();

        assertThat(members(engineering)).containsExactly("alice");
        assertThat(dyn.claims.state(engineering, acme).orElseThrow().nextRefreshAt()).isEqualTo(c.clock.instant());
    }

    // --- member_of ------------------------------------------------------------------------------------------

    @Test
    void groups_reading_a_static_group_follow_its_members_in_dependency_order() {
        member("alice", "engineering");
        member("bob", "engineering");
        GroupId parent = staticGroup("Parent");
        GroupId team = groups.create(new CreateGroupUseCase.Command(DraftBuilder.named("Team").in(acme)
                .under(parent).build())).group().id();
        GroupId readsParent = dynamic("Reads parent", memberOf(parent));
        GroupId readsBoth = dynamic("Reads both", all(memberOf(readsParent),
                attribute("department", "equals", "engineering")));
        deliver();

        staticMembers.add(team, List.of(new AddGroupMembersUseCase.NewMember(UserId.of("alice"), GroupRole.MEMBER,
                MembershipStatus.ACTIVE, null, null, null)));
        deliver();

        assertThat(members(readsParent)).as("a member of a subgroup is an effective member").containsExactly("alice");
        assertThat(members(readsBoth)).containsExactly("alice");
        assertThat(history(readsBoth, "alice")).containsExactly("added dependency");

        staticMembers.remove(team, UserId.of("alice"));
        deliver();

        assertThat(members(readsParent)).isEmpty();
        assertThat(members(readsBoth)).isEmpty();
        assertAgreesWithAFullEvaluation();
    }

    @Test
    void a_change_of_a_dynamic_membership_travels_on_to_the_groups_reading_it() {
        member("alice", "sales");
        GroupId engineering = dynamic("Engineering", attribute("department", "equals", "engineering"));
        GroupId notEngineering = dynamic("Not engineering", Map.of("not", memberOf(engineering)));
        GroupId readsEngineering = dynamic("Reads engineering", memberOf(engineering));
        deliver();
        assertThat(members(notEngineering)).containsExactly("alice", "ann");

        department("alice", "engineering");
        deliver();

        assertThat(history(engineering, "alice")).containsExactly("added data_change");
        assertThat(history(readsEngineering, "alice")).containsExactly("added dependency");
        assertThat(history(notEngineering, "alice")).containsExactly("added rule_change", "removed dependency");
    }

    @Test
    void a_static_group_nobody_reads_costs_one_lookup_of_its_dependents() {
        member("alice", "engineering");
        GroupId plain = staticGroup("Plain");
        dynamic("Engineering", attribute("department", "equals", "engineering"));
        deliver();
        int readsBefore = lookups.reads();

        staticMembers.add(plain, List.of(new AddGroupMembersUseCase.NewMember(UserId.of("alice"), GroupRole.MEMBER,
                MembershipStatus.ACTIVE, null, null, null)));
        deliver();

        assertThat(lookups.reads()).isEqualTo(readsBefore);
    }

    // --- imports ---------------------------------------------------------------------------------------------

    @Test
    void an_import_re_evaluates_every_absolute_group_over_the_org() {
        member("alice", "sales");
        member("bob", "sales");
        GroupId engineering = dynamic("Engineering", attribute("department", "equals", "engineering"));
        deliver();
        c.tx.run(() -> {
            for (String id : List.of("alice", "bob")) {
                OrgMember stored = c.orgMemberRepository.find(acme, UserId.of(id)).orElseThrow();
                stored.changeProfile(profile(id + "@acme.example", "engineering", null, Map.of()),
                        c.clock.instant());
                c.orgMemberRepository.save(stored);
            }
        });

        freshness.membersImported(new MembersImported(UUID.randomUUID(), acme, 0, 2, c.clock.instant()));

        assertThat(members(engineering)).containsExactly("alice", "bob");
        assertThat(history(engineering, "bob")).containsExactly("added data_change");
    }

    // --- both paths agree ---------------------------------------------------------------------------------------

    /**
     * A random org (departments in a tree, a reporting tree, a static group) with groups of every kind of rule,
     * then random changes of profiles, managers, statuses, static memberships and the tree, each delivered as the
     * outbox would: after every change a full evaluation of every group must find nothing left to do.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void the_per_member_path_leaves_what_a_full_evaluation_would_write(long seed) {
        Random random = new Random(seed);
        List<String> departments = List.of("d0", "d1", "d2", "d3", "d4", "d5");
        treeNode(MasterDataKind.DEPARTMENT, "d0", null);
        treeNode(MasterDataKind.DEPARTMENT, "d1", "d0");
        treeNode(MasterDataKind.DEPARTMENT, "d2", "d0");
        treeNode(MasterDataKind.DEPARTMENT, "d3", "d1");
        treeNode(MasterDataKind.DEPARTMENT, "d4", null);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "p" + i;
            member(id, random.nextInt(8) == 0 ? null : departments.get(random.nextInt(departments.size())),
                    i == 0 ? null : people.get(random.nextInt(i)));
            people.add(id);
        }
        GroupId team = staticGroup("Team");
        Map<String, Object> onTeam = memberOf(team);
        GroupId underD0 = dynamic("Under d0", attribute("department", "is_under", "d0"));
        List<Object> rulesToUse = List.of(
                Map.of("any", List.of(reportsTo("p1"), attribute("department", "is_under", "d1"))),
                all(memberOf(underD0), Map.of("not", reportsTo("p2@acme.example"))),
                Map.of("any", List.of(onTeam, attribute("department", "is_not_under", "d0"))),
                all(memberOf(underD0), onTeam),
                Map.of("criterion", "reports_to", "managerId", "p0", "includeNested", false));
        List<GroupId> dynamicGroupIds = new ArrayList<>(List.of(underD0));
        for (int i = 0; i < rulesToUse.size(); i++) {
            dynamicGroupIds.add(dynamic("Rule " + i, rulesToUse.get(i)));
        }
        deliver();

        for (int step = 0; step < 40; step++) {
            String who = people.get(random.nextInt(people.size()));
            switch (random.nextInt(6)) {
                case 0, 1 -> department(who, random.nextInt(6) == 0 ? null
                        : departments.get(random.nextInt(departments.size())));
                case 2 -> {
                    String manager = people.get(random.nextInt(people.size()));
                    if (!manager.equals(who) && c.reportingLines.chainFrom(acme, UserId.of(manager), 100)
                            .stream().noneMatch(UserId.of(who)::equals)) {
                        manager(who, manager);
                    }
                }
                case 3 -> status(who, random.nextBoolean() ? MemberStatus.ACTIVE : MemberStatus.SUSPENDED);
                case 4 -> {
                    if (c.membership(team, who).isPresent()) {
                        staticMembers.remove(team, UserId.of(who));
                    } else {
                        staticMembers.add(team, List.of(new AddGroupMembersUseCase.NewMember(UserId.of(who),
                                GroupRole.MEMBER, MembershipStatus.ACTIVE, null, null, null)));
                    }
                }
                default -> move(MasterDataKind.DEPARTMENT, List.of("d1", "d2", "d3").get(random.nextInt(3)),
                        List.of("d0", "d4").get(random.nextInt(2)));
            }
            deliver();
            assertAgreesWithAFullEvaluation();
        }
        assertThat(dynamicGroupIds.stream().flatMap(id -> dyn.history(id).stream())
                .map(event -> event.cause()).distinct())
                .as("the events changed the groups themselves").contains(Cause.DATA_CHANGE, Cause.DEPENDENCY);
    }

    // --- overrides and the test criterion ---------------------------------------------------------------

    private void include(GroupId groupId, String userId) {
        override(groupId, userId, OverrideKind.INCLUDE);
    }

    private void exclude(GroupId groupId, String userId) {
        override(groupId, userId, OverrideKind.EXCLUDE);
    }

    private void override(GroupId groupId, String userId, OverrideKind kind) {
        c.tx.run(() -> dyn.overrides.add(new OverrideEntry(UUID.randomUUID(), groupId, acme,
                UserId.of(userId), kind, "test", null, UserId.of("ann"), c.clock.instant())));
        refresh(groupId);
    }

    /** The built-in and activity types, and a relative one for the tests. */
    private static List<CriterionType> types(ActivityData activity) {
        List<CriterionType> types = new ArrayList<>(CriterionRegistry.builtInTypes());
        types.addAll(CriterionRegistry.activityTypes(activity));
        types.add(new TopScorersType());
        return types;
    }

    /** Activity of the tests: only the latest event of each member, set by the test. */
    private static final class LatestActivity implements ActivityData {
        private final Map<UserId, Instant> latest = new HashMap<>();

        @Override
        public Optional<Instant> lastActivity(OrgId orgId, UserId userId) {
            return Optional.ofNullable(latest.get(userId));
        }

        @Override
        public Map<UserId, Instant> lastActivities(OrgId orgId) {
            return Map.copyOf(latest);
        }

        @Override
        public Map<ActivityType, Long> totals(OrgId orgId, UserId userId, Set<ActivityType> types, Instant after) {
            return Map.of();
        }

        @Override
        public Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after) {
            return Map.of();
        }

        @Override
        public Map<ActivityType, Long> maxima(OrgId orgId, Set<ActivityType> types, Instant after) {
            return Map.of();
        }
    }

    /** A relative criterion for the tests: whether a member's score is high, as measured against everyone. */
    record TopScorers(int threshold) implements Criterion {
        @Override
        public String type() {
            return TopScorersType.KEY;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("threshold", threshold);
            return config;
        }

        @Override
        public Outcome matches(Candidate member, EvaluationContext context) {
            String score = member.profile().customAttributes().get("score");
            boolean matched = score != null && Integer.parseInt(score) >= threshold;
            return Outcome.of(matched, "score " + score + ", threshold " + threshold);
        }

        @Override
        public boolean absolute() {
            return false;
        }
    }

    static final class TopScorersType implements CriterionType {
        static final String KEY = "top_scorers";

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public String title() {
            return "Top scorers";
        }

        @Override
        public String description() {
            return "Members whose score is at least the threshold (relative, for the tests).";
        }

        @Override
        public String configSchema() {
            return "{\"type\": \"object\"}";
        }

        @Override
        public Criterion parse(Map<String, Object> config) {
            return new TopScorers(((Number) config.get("threshold")).intValue());
        }
    }
}
