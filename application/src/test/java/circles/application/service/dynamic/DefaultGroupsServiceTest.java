package circles.application.service.dynamic;

import circles.application.DraftBuilder;
import circles.application.InMemoryActivity;
import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicGroupDefinitions;
import circles.application.InMemoryDynamicGroups;
import circles.application.InMemoryDynamicMembersStore;
import circles.application.InMemoryGroupDependencies;
import circles.application.InMemoryOverrideRepository;
import circles.application.InMemoryPresetGroups;
import circles.application.InMemoryRefreshClaims;
import circles.application.InMemoryRuleMemberQuery;
import circles.application.port.in.dynamic.GroupRuleUseCase;
import circles.application.port.in.dynamic.SeedDefaultGroupsUseCase.DefaultGroup;
import circles.application.port.in.dynamic.SeedDefaultGroupsUseCase.Result;
import circles.application.port.in.dynamic.SeedMissingDefaultGroupsUseCase.Report;
import circles.application.port.in.group.UpdateGroupUseCase;
import circles.application.port.in.org.CreateOrgUseCase;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.group.GroupService;
import circles.application.service.org.OrgService;
import circles.application.service.rule.RuleValidationService;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DefaultGroupsServiceTest {
    private static final List<String> TITLES = List.of("Recent Logins", "No Logins", "Most Active", "Top Learners",
            "Most Talkative");

    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryActivity activity = new InMemoryActivity(circles.db);
    private final InMemoryPresetGroups presets = new InMemoryPresetGroups(circles.db);
    private final InMemoryDynamicMembersStore snapshots = new InMemoryDynamicMembersStore(circles.db);
    private final InMemoryRefreshClaims claims = new InMemoryRefreshClaims(circles.db, snapshots);
    private final RuleValidationService rules = new RuleValidationService(CriterionRegistry.withBuiltIns(activity),
            (schema, config) -> List.of());
    private final InMemoryDynamicGroupDefinitions definitions = new InMemoryDynamicGroupDefinitions(circles.db);
    private final DynamicGroupEngine engine = new DynamicGroupEngine(circles.groupRepository, rules,
            new DynamicGroupEngine.Ports(
            definitions, snapshots, new InMemoryOverrideRepository(circles.db),
            claims, new InMemoryGroupDependencies(circles.db), circles.orgMemberRepository,
            circles.masterDataRepository, circles.membershipRepository,
            new InMemoryRuleMemberQuery(circles.orgMemberRepository, circles.masterDataRepository)), circles.clock);
    private final DynamicGroupViews views = new DynamicGroupViews(definitions, claims, circles.clock);
    private final DynamicGroupService dynamicGroups = new DynamicGroupService(circles.tx, circles.access,
            circles.groupRepository, engine, views, rules, circles.auditLog, circles.clock);
    private final GroupRefreshService refreshes = new GroupRefreshService(circles.tx, circles.access, circles.tenant,
            circles.groupRepository, circles.orgRepository, claims, engine,
            new RefreshClaimRenewalService(circles.tx, claims, new InMemoryDynamicGroups.Settings(), circles.clock),
            new InMemoryDynamicGroups.HeldBackgroundWork(), new InMemoryDynamicGroups.Settings(), circles.auditLog,
            circles.clock);
    private final DefaultGroupsService defaults = new DefaultGroupsService(circles.tx, circles.access, circles.tenant,
            circles.groupRepository, presets, rules, engine, circles.auditLog, circles.clock);
    private final OrgService orgs = new OrgService(circles.tx, circles.access, circles.orgRepository,
            circles.orgMemberRepository, circles.userRepository, circles.directoryEvents, circles.auditLog, circles.clock,
            defaults);
    private final GroupService groups = new GroupService(circles.tx, circles.access, circles.groupRepository,
            circles.membershipRepository, circles.orgMemberRepository, circles.auditLog, circles.clock, engine,
            views, rules);

    /** A new org, made as {@code root} through the org service that seeds default groups. */
    private OrgId createOrg(String slug, String... admins) {
        circles.asPlatformAdmin("root");
        return orgs.create(new CreateOrgUseCase.Command(slug, new Slug(slug),
                Arrays.stream(admins).map(UserId::of).toList())).org().id();
    }

    /** An org made before default groups existed: it has none. */
    private OrgId legacyOrg(String slug, String... admins) {
        return circles.org(slug, admins);
    }

    /** The org's groups that carry a preset, in preset order. */
    private List<Group> defaultGroupsOf(OrgId orgId) {
        return presets.of(orgId).values().stream().map(id -> circles.stored(id).orElseThrow()).toList();
    }

    private Group defaultGroup(OrgId orgId, GroupPreset preset) {
        return circles.stored(presets.of(orgId).get(preset)).orElseThrow();
    }

    private Set<UserId> members(OrgId orgId, GroupPreset preset) {
        return snapshots.memberIds(presets.of(orgId).get(preset), orgId);
    }

    private static Set<UserId> users(String... ids) {
        return Arrays.stream(ids).map(UserId::of).collect(java.util.stream.Collectors.toSet());
    }

    private List<AuditEvent> presetCreations(OrgId orgId) {
        return circles.db.auditEvents().stream()
                .filter(event -> orgId.equals(event.orgId()) && event.action().equals("group.created")
                        && event.summary().containsKey("preset"))
                .toList();
    }

    @Nested
    class CreatingAnOrg {
        @Test
        void seeds_the_five_default_groups_with_their_rules_in_the_orgs_transaction() {
            int transactionsBefore = circles.db.transactionsRun();

            OrgId acme = createOrg("acme", "ana");

            assertThat(circles.db.transactionsRun()).isEqualTo(transactionsBefore + 1);
            assertThat(defaultGroupsOf(acme))
                    .extracting(Group::preset, Group::name, Group::kind, Group::type, Group::visibility)
                    .containsExactly(
                            tuple(GroupPreset.RECENT_LOGINS, "Recent Logins", GroupKind.DYNAMIC, GroupType.CUSTOM,
                                    Visibility.PRIVATE),
                            tuple(GroupPreset.NO_LOGINS, "No Logins", GroupKind.DYNAMIC, GroupType.CUSTOM,
                                    Visibility.PRIVATE),
                            tuple(GroupPreset.MOST_ACTIVE, "Most Active", GroupKind.DYNAMIC, GroupType.CUSTOM,
                                    Visibility.PRIVATE),
                            tuple(GroupPreset.TOP_LEARNERS, "Top Learners", GroupKind.DYNAMIC, GroupType.CUSTOM,
                                    Visibility.PRIVATE),
                            tuple(GroupPreset.MOST_TALKATIVE, "Most Talkative", GroupKind.DYNAMIC, GroupType.CUSTOM,
                                    Visibility.PRIVATE));
            assertThat(defaultGroupsOf(acme)).allSatisfy(group -> {
                assertThat(group.ownerId()).isEqualTo(UserId.of("root"));
                assertThat(group.slug().value()).isEqualTo(group.name().toLowerCase().replace(' ', '-'));
                RefreshClaims.State state = claims.state(group.id(), acme).orElseThrow();
                assertThat(state.refreshIntervalMinutes()).isEqualTo(60);
                assertThat(state.lastComputedAt()).isEqualTo(InMemoryCircles.START);
            });
        }

        @Test
        void gives_each_default_group_the_presets_rule() {
            OrgId acme = createOrg("acme", "ana");
            circles.as("ana");

            assertThat(rule(acme, GroupPreset.RECENT_LOGINS))
                    .isEqualTo(Map.of("criterion", "last_active_within", "days", 30));
            assertThat(rule(acme, GroupPreset.NO_LOGINS)).isEqualTo(Map.of("criterion", "inactive_for", "days", 30));
            for (GroupPreset score : List.of(GroupPreset.MOST_ACTIVE, GroupPreset.TOP_LEARNERS,
                    GroupPreset.MOST_TALKATIVE)) {
                assertThat(rule(acme, score)).isEqualTo(Map.of("criterion", "activity_score",
                        "metric", score.wireName(), "threshold", 50, "windowDays", 30));
            }
        }

        private Map<String, Object> rule(OrgId orgId, GroupPreset preset) {
            return dynamicGroups.rule(presets.of(orgId).get(preset)).rule();
        }

        @Test
        void computes_their_members_at_once() {
            OrgId acme = createOrg("acme", "ana", "bo");

            assertThat(members(acme, GroupPreset.NO_LOGINS)).isEqualTo(users("ana", "bo"));
            assertThat(members(acme, GroupPreset.RECENT_LOGINS)).isEmpty();
            assertThat(members(acme, GroupPreset.MOST_ACTIVE)).isEmpty();
        }

        @Test
        void records_each_default_group_in_the_audit_trail_as_made_by_the_orgs_creator() {
            OrgId acme = createOrg("acme", "ana");

            assertThat(presetCreations(acme))
                    .extracting(event -> event.summary().get("preset"), event -> event.summary().get("name"),
                            AuditEvent::actorId)
                    .containsExactly(
                            tuple("recent_logins", "Recent Logins", UserId.of("root")),
                            tuple("no_logins", "No Logins", UserId.of("root")),
                            tuple("most_active", "Most Active", UserId.of("root")),
                            tuple("top_learners", "Top Learners", UserId.of("root")),
                            tuple("most_talkative", "Most Talkative", UserId.of("root")));
        }
    }

    @Nested
    class ReSeeding {
        @Test
        void creates_the_five_default_groups_of_an_org_that_has_none() {
            OrgId globex = legacyOrg("globex", "gus");
            circles.as("gus");

            Result result = defaults.seed(globex);

            assertThat(result.created()).extracting(DefaultGroup::preset, DefaultGroup::name)
                    .containsExactly(tuple(GroupPreset.RECENT_LOGINS, "Recent Logins"),
                            tuple(GroupPreset.NO_LOGINS, "No Logins"), tuple(GroupPreset.MOST_ACTIVE, "Most Active"),
                            tuple(GroupPreset.TOP_LEARNERS, "Top Learners"),
                            tuple(GroupPreset.MOST_TALKATIVE, "Most Talkative"));
            assertThat(result.existing()).isEmpty();
            assertThat(defaultGroupsOf(globex)).extracting(Group::id)
                    .containsExactlyElementsOf(result.created().stream().map(DefaultGroup::groupId).toList());
            assertThat(defaultGroupsOf(globex)).allSatisfy(group ->
                    assertThat(group.ownerId()).isEqualTo(UserId.of("gus")));
            assertThat(members(globex, GroupPreset.NO_LOGINS)).isEqualTo(users("gus"));
            assertThat(presets.locksTaken()).isEqualTo(1);
        }

        @Test
        void is_idempotent_and_recognises_a_default_group_by_its_preset_not_its_name() {
            OrgId acme = createOrg("acme", "ana");
            circles.as("ana");
            Group noLogins = defaultGroup(acme, GroupPreset.NO_LOGINS);
            groups.update(rename(noLogins.id(), "Dormant accounts"));
            int groupsBefore = circles.db.auditEvents().size();

            Result result = defaults.seed(acme);

            assertThat(result.created()).isEmpty();
            assertThat(result.existing()).extracting(DefaultGroup::preset, DefaultGroup::name)
                    .containsExactly(tuple(GroupPreset.RECENT_LOGINS, "Recent Logins"),
                            tuple(GroupPreset.NO_LOGINS, "Dormant accounts"),
                            tuple(GroupPreset.MOST_ACTIVE, "Most Active"),
                            tuple(GroupPreset.TOP_LEARNERS, "Top Learners"),
                            tuple(GroupPreset.MOST_TALKATIVE, "Most Talkative"));
            assertThat(result.existing().get(1).groupId()).isEqualTo(noLogins.id());
            assertThat(defaultGroupsOf(acme)).hasSize(5);
            assertThat(circles.db.auditEvents()).hasSize(groupsBefore);
        }

        @Test
        void leaves_a_group_that_merely_has_a_presets_name_alone_and_names_the_new_default_group_with_a_number() {
            OrgId globex = legacyOrg("globex", "gus");
            Group lookalike = circles.group(DraftBuilder.named("recent logins").in(globex));
            circles.group(DraftBuilder.named("Recent Logins (2)").in(globex).slug("recent-logins-2"));
            circles.group(DraftBuilder.named("Top learners club").in(globex).slug("top-learners"));
            circles.as("gus");

            Result result = defaults.seed(globex);

            assertThat(result.created()).extracting(DefaultGroup::name)
                    .containsExactly("Recent Logins (3)", "No Logins", "Most Active", "Top Learners",
                            "Most Talkative");
            assertThat(defaultGroup(globex, GroupPreset.RECENT_LOGINS).slug().value()).isEqualTo("recent-logins-3");
            assertThat(defaultGroup(globex, GroupPreset.TOP_LEARNERS).slug().value()).isEqualTo("top-learners-2");
            assertThat(circles.stored(lookalike.id())).get().satisfies(group -> {
                assertThat(group.preset()).isNull();
                assertThat(group.kind()).isEqualTo(GroupKind.STATIC);
                assertThat(group.name()).isEqualTo("recent logins");
            });
        }

        @Test
        void recreates_only_the_missing_ones() {
            OrgId globex = legacyOrg("globex", "gus");
            circles.as("gus");
            defaults.seed(globex);
            GroupId topLearners = presets.of(globex).get(GroupPreset.TOP_LEARNERS);
            // An org that lost one, as a future release adding a preset would find every org.
            circles.tx.run(() -> circles.groupRepository.delete(List.of(topLearners)));

            Result result = defaults.seed(globex);

            assertThat(result.created()).extracting(DefaultGroup::preset).containsExactly(GroupPreset.TOP_LEARNERS);
            assertThat(result.created().getFirst().groupId()).isNotEqualTo(topLearners);
            assertThat(result.existing()).extracting(DefaultGroup::preset).containsExactly(GroupPreset.RECENT_LOGINS,
                    GroupPreset.NO_LOGINS, GroupPreset.MOST_ACTIVE, GroupPreset.MOST_TALKATIVE);
        }

        @Test
        void is_for_the_orgs_admins_it_admins_and_platform_admins() {
            OrgId acme = legacyOrg("acme", "ana");
            OrgId globex = legacyOrg("globex", "gus");
            circles.joinOrg(acme, "ivy", OrgRole.IT_ADMIN);
            circles.joinOrg(acme, "max", OrgRole.MEMBER);

            circles.as("max");
            assertThatThrownBy(() -> defaults.seed(acme)).isInstanceOf(NotAllowed.class);
            circles.as("gus");
            assertThatThrownBy(() -> defaults.seed(acme)).isInstanceOf(NotFound.class);
            assertThat(defaultGroupsOf(acme)).isEmpty();

            circles.as("ivy");
            assertThat(defaults.seed(acme).created()).hasSize(5);
            circles.asPlatformAdmin("root");
            assertThat(defaults.seed(globex).created()).hasSize(5);
        }

        @Test
        void computes_the_score_groups_over_the_activity_already_recorded() {
            OrgId globex = legacyOrg("globex", "gus");
            circles.joinOrg(globex, OrgRole.MEMBER, "lea", "tom");
            Instant recently = circles.clock.instant().minus(Duration.ofDays(2));
            activity.add(globex, "lea", ActivityType.LESSON_PROGRESS, recently, 10)
                    .add(globex, "lea", ActivityType.CREDIT_EARNED, recently, 4)
                    .add(globex, "tom", ActivityType.LESSON_PROGRESS, recently, 2)
                    .add(globex, "tom", ActivityType.MESSAGE_SENT, recently, 7);
            circles.as("gus");

            defaults.seed(globex);

            assertThat(members(globex, GroupPreset.TOP_LEARNERS)).isEqualTo(users("lea"));
            assertThat(members(globex, GroupPreset.MOST_TALKATIVE)).isEqualTo(users("tom"));
            assertThat(members(globex, GroupPreset.RECENT_LOGINS)).isEqualTo(users("lea", "tom"));
            assertThat(members(globex, GroupPreset.NO_LOGINS)).isEqualTo(users("gus"));
        }
    }

    @Nested
    class TheStartUpRun {
        @Test
        void seeds_every_org_that_lacks_default_groups_and_leaves_the_others_alone() {
            OrgId acme = createOrg("acme", "ana");
            OrgId globex = legacyOrg("globex", "gus");
            OrgId initech = legacyOrg("initech", "ian");
            int acmeCreations = presetCreations(acme).size();

            Report report = defaults.seedMissing();

            assertThat(report.orgsSeeded()).isEqualTo(2);
            assertThat(report.groupsCreated()).isEqualTo(10);
            assertThat(report.orgsSkipped()).isZero();
            assertThat(report.failures()).isEmpty();
            assertThat(presetCreations(acme)).hasSize(acmeCreations);
            for (OrgId orgId : List.of(globex, initech)) {
                assertThat(defaultGroupsOf(orgId)).extracting(Group::name).containsExactlyElementsOf(TITLES);
                assertThat(defaultGroupsOf(orgId)).allSatisfy(group ->
                        assertThat(group.ownerId()).isEqualTo(UserId.of("system")));
                assertThat(presetCreations(orgId)).hasSize(5).allSatisfy(event ->
                        assertThat(event.actorId()).isNull());
            }
            assertThat(members(initech, GroupPreset.NO_LOGINS)).isEqualTo(users("ian"));
        }

        @Test
        void running_again_changes_nothing() {
            legacyOrg("globex", "gus");
            defaults.seedMissing();
            int events = circles.db.auditEvents().size();

            Report again = defaults.seedMissing();

            assertThat(again).isEqualTo(new Report(0, 0, 0, List.of()));
            assertThat(circles.db.auditEvents()).hasSize(events);
        }

        @Test
        void skips_an_org_another_instance_is_seeding_right_now() {
            OrgId globex = legacyOrg("globex", "gus");
            OrgId initech = legacyOrg("initech", "ian");
            presets.heldElsewhere(globex);

            Report report = defaults.seedMissing();

            assertThat(report.orgsSeeded()).isEqualTo(1);
            assertThat(report.orgsSkipped()).isEqualTo(1);
            assertThat(defaultGroupsOf(globex)).isEmpty();
            assertThat(defaultGroupsOf(initech)).hasSize(5);
        }

        @Test
        void goes_through_orgs_in_batches_until_none_is_left() {
            List<OrgId> many = IntStream.range(0, 230).mapToObj(i -> legacyOrg("org-" + i, "admin-" + i)).toList();

            Report report = defaults.seedMissing();

            assertThat(report.orgsSeeded()).isEqualTo(230);
            assertThat(report.groupsCreated()).isEqualTo(1150);
            assertThat(many).allSatisfy(orgId -> assertThat(presets.of(orgId)).hasSize(5));
        }

        @Test
        void reports_an_org_it_cannot_seed_and_seeds_the_others() {
            OrgId crowded = legacyOrg("crowded", "cal");
            circles.group(DraftBuilder.named("Most Talkative").in(crowded));
            for (int n = 2; n <= 50; n++) {
                circles.group(DraftBuilder.named("Most Talkative (" + n + ")").in(crowded));
            }
            OrgId globex = legacyOrg("globex", "gus");

            Report report = defaults.seedMissing();

            assertThat(report.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.orgId()).isEqualTo(crowded);
                assertThat(failure.reason()).contains("Most Talkative (50)");
            });
            assertThat(report.orgsSeeded()).isEqualTo(1);
            assertThat(defaultGroupsOf(globex)).hasSize(5);
        }
    }

    @Nested
    class EditingDefaultGroups {
        @Test
        void a_default_group_can_be_renamed_and_keeps_its_preset() {
            OrgId acme = createOrg("acme", "ana");
            circles.as("ana");
            Group recent = defaultGroup(acme, GroupPreset.RECENT_LOGINS);

            groups.update(rename(recent.id(), "Active this month"));

            assertThat(circles.stored(recent.id())).get().satisfies(group -> {
                assertThat(group.name()).isEqualTo("Active this month");
                assertThat(group.preset()).isEqualTo(GroupPreset.RECENT_LOGINS);
            });
        }

        @Test
        void a_default_groups_threshold_is_edited_like_any_rule_and_its_members_follow() {
            OrgId acme = createOrg("acme", "ana");
            circles.joinOrg(acme, OrgRole.MEMBER, "lea", "tom", "kim");
            Instant recently = circles.clock.instant().minus(Duration.ofHours(3));
            for (ActivityType type : List.of(ActivityType.LOGIN, ActivityType.LESSON_PROGRESS,
                    ActivityType.STREAK_DAY, ActivityType.COLLECTION_ITEM_ADDED)) {
                activity.add(acme, "lea", type, recently, 10).add(acme, "tom", type, recently, 6)
                        .add(acme, "kim", type, recently, 2);
            }
            circles.as("ana");
            Group mostActive = defaultGroup(acme, GroupPreset.MOST_ACTIVE);
            refreshes.refresh(mostActive.id());
            assertThat(members(acme, GroupPreset.MOST_ACTIVE)).isEqualTo(users("lea", "tom"));

            dynamicGroups.replace(new GroupRuleUseCase.ReplaceRule(mostActive.id(), null, Map.of(
                    "criterion", "activity_score", "metric", "most_active", "threshold", 80, "windowDays", 30), null));

            assertThat(members(acme, GroupPreset.MOST_ACTIVE)).isEqualTo(users("lea"));
            assertThat(claims.state(mostActive.id(), acme).orElseThrow().refreshIntervalMinutes()).isEqualTo(60);
            assertThat(defaultGroup(acme, GroupPreset.MOST_ACTIVE).preset()).isEqualTo(GroupPreset.MOST_ACTIVE);
        }

        @Test
        void a_default_group_cannot_be_deleted() {
            OrgId acme = createOrg("acme", "ana");
            circles.as("ana");
            Group topLearners = defaultGroup(acme, GroupPreset.TOP_LEARNERS);

            assertThatThrownBy(() -> groups.delete(topLearners.id(), false))
                    .isInstanceOfSatisfying(RuleViolation.class, refusal -> {
                        assertThat(refusal.code()).isEqualTo("preset-group-undeletable");
                        assertThat(refusal.getMessage()).contains("top_learners").contains("Top Learners");
                    });
            assertThat(circles.stored(topLearners.id())).isPresent();
        }

        @Test
        void no_group_is_deleted_with_a_default_group_in_its_subtree() {
            OrgId acme = createOrg("acme", "ana");
            circles.as("ana");
            Group parent = circles.group(DraftBuilder.named("Reports").in(acme));
            Group noLogins = defaultGroup(acme, GroupPreset.NO_LOGINS);
            groups.update(new UpdateGroupUseCase.Command(noLogins.id(), null, null, null, null, null, null, null,
                    null, Optional.of(parent.id()), null, null, null, null, null));

            assertThatThrownBy(() -> groups.delete(parent.id(), true))
                    .isInstanceOfSatisfying(RuleViolation.class, refusal -> {
                        assertThat(refusal.code()).isEqualTo("preset-group-undeletable");
                        assertThat(refusal.getMessage()).contains(noLogins.id().toString());
                    });
            assertThat(circles.stored(parent.id())).isPresent();
            assertThat(circles.stored(noLogins.id())).isPresent();
        }

        @Test
        void to_a_plain_member_a_default_group_does_not_exist() {
            OrgId acme = createOrg("acme", "ana");
            circles.joinOrg(acme, "max", OrgRole.MEMBER);
            circles.as("max");
            GroupId mostActive = presets.of(acme).get(GroupPreset.MOST_ACTIVE);

            assertThatThrownBy(() -> groups.delete(mostActive, false)).isInstanceOf(NotFound.class);
        }
    }

    private static UpdateGroupUseCase.Command rename(GroupId groupId, String name) {
        return new UpdateGroupUseCase.Command(groupId, null, Optional.of(name), null, null, null, null, null, null,
                null, null, null, null, null, null);
    }
}
