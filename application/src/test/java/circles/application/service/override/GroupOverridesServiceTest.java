package circles.application.service.override;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicGroupDefinitions;
import circles.application.InMemoryDynamicMembersStore;
import circles.application.InMemoryGroupDependencies;
import circles.application.InMemoryOverrideRepository;
import circles.application.InMemoryRefreshClaims;
import circles.application.InMemoryRuleMemberQuery;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.override.AddGroupOverrideUseCase;
import circles.application.port.in.override.ExpireOverridesUseCase;
import circles.application.port.out.dynamic.DynamicMembersStore.DynamicMember;
import circles.application.port.out.dynamic.DynamicMembersStore.Via;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.membership.MembershipHistory.Change;
import circles.application.port.out.membership.MembershipHistory.Event;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.group.GroupService;
import circles.application.service.rule.RuleValidationService;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.Conflict;
import circles.domain.shared.FieldError;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class GroupOverridesServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryOverrideRepository overrides = new InMemoryOverrideRepository(circles.db);
    private final InMemoryDynamicMembersStore snapshots = new InMemoryDynamicMembersStore(circles.db);
    private final InMemoryDynamicGroupDefinitions definitions = new InMemoryDynamicGroupDefinitions(circles.db);
    private final InMemoryRefreshClaims claims = new InMemoryRefreshClaims(circles.db, snapshots);
    private final RuleValidationService rules = new RuleValidationService(CriterionRegistry.withBuiltIns(),
            (schema, config) -> List.of());
    private final DynamicGroupEngine engine = new DynamicGroupEngine(circles.groupRepository, rules,
            new DynamicGroupEngine.Ports(definitions, snapshots,
                    overrides, claims, new InMemoryGroupDependencies(circles.db),
                    circles.orgMemberRepository, circles.masterDataRepository, circles.membershipRepository,
                    new InMemoryRuleMemberQuery(circles.orgMemberRepository, circles.masterDataRepository)),
            circles.clock);
    private final GroupService groups = new GroupService(circles.tx, circles.access, circles.groupRepository,
            circles.membershipRepository, circles.orgMemberRepository, circles.auditLog, circles.clock, engine,
            new DynamicGroupViews(definitions, claims, circles.clock), rules);
    private final GroupOverridesService service = new GroupOverridesService(circles.tx, circles.access,
            circles.tenant, circles.groupRepository, circles.orgMemberRepository, overrides, snapshots, engine,
            circles.auditLog, circles.clock);

    private final OrgId acme = circles.org("acme", "ana");
    private final OrgId globex = circles.org("globex", "gus");
    private final UserId bo = join(acme, "bo", "backend");
    private final UserId cy = join(acme, "cy", "sales");
    private final UserId di = join(acme, "di", "sales");
    private final Group backend = dynamicGroup("Backend", "backend");

    private UserId join(OrgId orgId, String userId, String department) {
        circles.asPlatformAdmin("seeder");
        circles.orgMembers.add(new AddOrgMemberUseCase.Command(orgId, UserId.of(userId), OrgRole.MEMBER,
                new MemberProfile(null, null, department, null, null, null, null, null, null, null, Map.of(), null)));
        circles.as("ana");
        return UserId.of(userId);
    }

    /** A dynamic group of acme whose rule is "department equals {@code department}", made by acme's admin. */
    private Group dynamicGroup(String name, String department) {
        circles.as("ana");
        GroupId id = groups.create(new CreateGroupUseCase.Command(
                DraftBuilder.named(name).in(acme).kind(GroupKind.DYNAMIC).build(),
                Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", department),
                null)).group().id();
        return circles.stored(id).orElseThrow();
    }

    private OverrideEntry add(UserId userId, OverrideKind kind) {
        return add(userId, kind, null);
    }

    private OverrideEntry add(UserId userId, OverrideKind kind, Instant expiresAt) {
        return service.addOverride(new AddGroupOverrideUseCase.Command(backend.id(), userId, kind, "why not",
                expiresAt));
    }

    private Optional<DynamicMember> member(UserId userId) {
        return snapshots.member(backend.id(), acme, userId);
    }

    private List<Event> history(UserId userId) {
        return snapshots.events(backend.id(), acme, userId, PageRequest.first(100)).items();
    }

    private void change(OrgId orgId, UserId userId, java.util.function.Consumer<OrgMember> change) {
        circles.tx.run(() -> {
            OrgMember member = circles.orgMemberRepository.find(orgId, userId).orElseThrow();
            change.accept(member);
            circles.orgMemberRepository.save(member);
        });
    }

    @Nested
    class TheVerdictFollowsAtOnce {
        @Test
        void an_include_puts_a_member_the_rule_leaves_out_into_the_group() {
            assertThat(member(cy)).isEmpty();
            var mark = circles.auditMark();

            OverrideEntry entry = add(cy, OverrideKind.INCLUDE);

            assertThat(entry.createdBy()).isEqualTo(UserId.of("ana"));
            assertThat(entry.reason()).isEqualTo("why not");
            assertThat(entry.createdAt()).isEqualTo(circles.clock.instant());
            assertThat(member(cy)).get().extracting(DynamicMember::via).isEqualTo(Via.INCLUDE);
            assertThat(history(cy)).singleElement().satisfies(event -> {
                assertThat(event.change()).isEqualTo(Change.ADDED);
                assertThat(event.cause()).isEqualTo(Cause.OVERRIDE);
            });
            assertThat(mark.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo("group.override_added");
                assertThat(event.actorId()).isEqualTo(UserId.of("ana"));
                assertThat(event.summary()).containsEntry("userId", "cy").containsEntry("kind", "include")
                        .containsEntry("overrideId", entry.id().toString());
            });
            assertThat(member(bo)).get().extracting(DynamicMember::via).isEqualTo(Via.RULE);
        }

        @Test
        void an_exclude_takes_a_matching_member_out_and_beats_an_include() {
            OverrideEntry exclude = add(bo, OverrideKind.EXCLUDE);
            assertThat(member(bo)).isEmpty();

            add(bo, OverrideKind.INCLUDE);
            assertThat(member(bo)).isEmpty();

            service.removeOverride(backend.id(), exclude.id());
            assertThat(member(bo)).get().extracting(DynamicMember::via).isEqualTo(Via.RULE);
            assertThat(history(bo)).extracting(Event::change, Event::cause).containsExactly(
                    tuple(Change.ADDED, Cause.OVERRIDE),
                    tuple(Change.REMOVED, Cause.OVERRIDE),
                    tuple(Change.ADDED, Cause.RULE_CHANGE));
        }

        @Test
        void removing_an_entry_gives_the_rules_verdict_as_the_profile_is_now() {
            OverrideEntry includeCy = add(cy, OverrideKind.INCLUDE);
            OverrideEntry includeDi = add(di, OverrideKind.INCLUDE);
            // di moved to backend after the last evaluation: the rule now matches her, though nobody refreshed.
            change(acme, di, m -> m.changeProfile(new MemberProfile(null, null, "backend", null, null, null, null,
                    null, null, null, Map.of(), null), circles.clock.instant()));
            var mark = circles.auditMark();

            service.removeOverride(backend.id(), includeCy.id());
            service.removeOverride(backend.id(), includeDi.id());

            assertThat(member(cy)).isEmpty();
            assertThat(member(di)).get().extracting(DynamicMember::via).isEqualTo(Via.RULE);
            assertThat(service.listOverrides(backend.id(), null, PageRequest.first(10)).items()).isEmpty();
            assertThat(mark.events()).extracting(AuditEvent::action)
                    .containsExactly("group.override_removed", "group.override_removed");
        }

        @Test
        void an_include_never_makes_an_inactive_member_a_member() {
            change(acme, di, m -> m.changeStatus(MemberStatus.SUSPENDED, circles.clock.instant()));

            OverrideEntry entry = add(di, OverrideKind.INCLUDE);

            assertThat(member(di)).isEmpty();
            assertThat(service.override(backend.id(), entry.id())).isEqualTo(entry);
        }
    }

    @Nested
    class RefusalsChangeNothing {
        @Test
        void static_groups_have_no_overrides() {
            Group team = circles.group(DraftBuilder.named("Team").in(acme));

            assertThatThrownBy(() -> service.addOverride(new AddGroupOverrideUseCase.Command(team.id(), bo,
                    OverrideKind.INCLUDE, null, null)))
                    .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.code()).isEqualTo("group-not-dynamic"));
            assertThatThrownBy(() -> service.listOverrides(team.id(), null, PageRequest.first(10)))
                    .isInstanceOf(RuleViolation.class);
        }

        @Test
        void only_members_of_the_groups_org_can_be_listed() {
            join(globex, "gil", "backend");

            assertThatThrownBy(() -> add(UserId.of("gil"), OverrideKind.INCLUDE))
                    .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.errors())
                            .extracting(FieldError::field).containsExactly("userId"));
            assertThat(overrides.list(backend.id(), acme)).isEmpty();
        }

        @Test
        void an_expiry_must_lie_in_the_future() {
            for (Instant when : List.of(circles.clock.instant(), circles.clock.instant().minusSeconds(1))) {
                assertThatThrownBy(() -> add(cy, OverrideKind.INCLUDE, when))
                        .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.errors())
                                .extracting(FieldError::field).containsExactly("expiresAt"));
            }
            assertThat(member(cy)).isEmpty();
            assertThat(overrides.list(backend.id(), acme)).isEmpty();
        }

        @Test
        void a_user_is_on_each_list_once_but_may_be_on_both() {
            add(cy, OverrideKind.INCLUDE);

            assertThatThrownBy(() -> add(cy, OverrideKind.INCLUDE)).isInstanceOfSatisfying(Conflict.class,
                    e -> assertThat(e.code()).isEqualTo("override-exists"));
            add(cy, OverrideKind.EXCLUDE);
            assertThat(overrides.list(backend.id(), acme)).extracting(OverrideEntry::kind)
                    .containsExactlyInAnyOrder(OverrideKind.INCLUDE, OverrideKind.EXCLUDE);
            assertThat(member(cy)).isEmpty();
        }

        @Test
        void reasons_are_bounded() {
            assertThatThrownBy(() -> new AddGroupOverrideUseCase.Command(backend.id(), cy, OverrideKind.INCLUDE,
                    "x".repeat(1001), null)).isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.errors())
                    .extracting(FieldError::field).containsExactly("reason"));
            assertThat(new AddGroupOverrideUseCase.Command(backend.id(), cy, OverrideKind.INCLUDE, "  ", null).reason())
                    .isNull();
        }

        @Test
        void only_those_who_manage_the_groups_settings_read_or_change_the_lists() {
            OverrideEntry entry = add(cy, OverrideKind.INCLUDE);

            circles.as("bo");
            assertThatThrownBy(() -> add(di, OverrideKind.INCLUDE)).isInstanceOf(NotAllowed.class);
            assertThatThrownBy(() -> service.listOverrides(backend.id(), null, PageRequest.first(10)))
                    .isInstanceOf(NotAllowed.class);
            assertThatThrownBy(() -> service.removeOverride(backend.id(), entry.id())).isInstanceOf(NotAllowed.class);

            circles.as("gus");
            assertThatThrownBy(() -> service.override(backend.id(), entry.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> service.removeOverride(backend.id(), entry.id())).isInstanceOf(NotFound.class);

            circles.as("ana");
            assertThat(member(cy)).isPresent();
            assertThat(service.override(backend.id(), entry.id())).isEqualTo(entry);
        }

        @Test
        void an_entry_is_found_only_through_its_own_group() {
            OverrideEntry entry = add(cy, OverrideKind.INCLUDE);
            Group sales = dynamicGroup("Sales", "sales");

            assertThatThrownBy(() -> service.override(sales.id(), entry.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> service.removeOverride(sales.id(), entry.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> service.removeOverride(backend.id(), UUID.randomUUID()))
                    .isInstanceOf(NotFound.class);
            assertThat(member(cy)).isPresent();
        }
    }

    @Nested
    class Listing {
        @Test
        void lists_oldest_first_by_kind_and_pages_with_a_cursor() {
            List<OverrideEntry> added = new ArrayList<>();
            for (UserId userId : List.of(bo, cy, di)) {
                added.add(add(userId, OverrideKind.INCLUDE));
                circles.clock.advance(Duration.ofSeconds(1));
            }
            OverrideEntry exclude = add(bo, OverrideKind.EXCLUDE);

            Page<OverrideEntry> first = service.listOverrides(backend.id(), OverrideKind.INCLUDE, PageRequest.first(2));
            assertThat(first.items()).containsExactly(added.get(0), added.get(1));
            Page<OverrideEntry> second = service.listOverrides(backend.id(), OverrideKind.INCLUDE,
                    new PageRequest(2, first.nextCursor()));
            assertThat(second.items()).containsExactly(added.get(2));
            assertThat(second.nextCursor()).isNull();
            assertThat(service.listOverrides(backend.id(), OverrideKind.EXCLUDE, PageRequest.first(10)).items())
                    .containsExactly(exclude);
            assertThat(service.listOverrides(backend.id(), null, PageRequest.first(10)).items()).hasSize(4);
            assertThatThrownBy(() -> service.listOverrides(backend.id(), null, new PageRequest(2, "not-a-cursor")))
                    .isInstanceOf(InvalidInput.class);
        }
    }

    @Nested
    class Expiry {
        private final Instant inOneHour = circles.clock.instant().plus(Duration.ofHours(1));

        @Test
        void expired_entries_are_removed_once_and_their_members_rechecked() {
            add(cy, OverrideKind.INCLUDE, inOneHour);
            add(bo, OverrideKind.EXCLUDE, inOneHour.plus(Duration.ofMinutes(30)));
            add(di, OverrideKind.INCLUDE);
            assertThat(member(cy)).isPresent();
            assertThat(member(bo)).isEmpty();

            circles.clock.advance(Duration.ofMinutes(59));
            assertThat(service.expireOverrides()).isEqualTo(new ExpireOverridesUseCase.Report(0));
            assertThat(member(cy)).isPresent();

            circles.clock.advance(Duration.ofMinutes(1));
            var mark = circles.auditMark();
            assertThat(service.expireOverrides().expiredEntries()).isEqualTo(1);
            assertThat(member(cy)).isEmpty();
            assertThat(history(cy).getFirst()).satisfies(event -> {
                assertThat(event.change()).isEqualTo(Change.REMOVED);
                assertThat(event.cause()).isEqualTo(Cause.OVERRIDE);
                assertThat(event.occurredAt()).isEqualTo(inOneHour);
            });
            assertThat(mark.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo("group.override_expired");
                assertThat(event.actorId()).isNull();
                assertThat(event.summary()).containsEntry("userId", "cy");
            });
            assertThat(service.expireOverrides().expiredEntries()).isZero();

            circles.clock.advance(Duration.ofMinutes(30));
            assertThat(service.expireOverrides().expiredEntries()).isEqualTo(1);
            assertThat(member(bo)).get().extracting(DynamicMember::via).isEqualTo(Via.RULE);
            assertThat(member(di)).get().extracting(DynamicMember::via).isEqualTo(Via.INCLUDE);
            assertThat(service.listOverrides(backend.id(), null, PageRequest.first(10)).items())
                    .extracting(OverrideEntry::userId).containsExactly(di);
        }

        @Test
        void works_through_more_than_one_batch() {
            List<UserId> people = new ArrayList<>();
            for (int i = 0; i < GroupOverridesService.BATCH + 5; i++) {
                people.add(join(acme, "p" + i, "sales"));
            }
            circles.as("ana");
            people.forEach(userId -> add(userId, OverrideKind.INCLUDE, inOneHour));
            assertThat(snapshots.memberIds(backend.id(), acme)).hasSize(people.size() + 1);

            circles.clock.advance(Duration.ofHours(1));
            assertThat(service.expireOverrides().expiredEntries()).isEqualTo(people.size());
            assertThat(snapshots.memberIds(backend.id(), acme)).containsExactly(bo);
        }

        @Test
        void an_entry_past_its_expiry_gives_way_to_a_new_one_before_the_job_removes_it() {
            add(cy, OverrideKind.INCLUDE, inOneHour);
            circles.clock.advance(Duration.ofHours(2));

            OverrideEntry renewed = add(cy, OverrideKind.INCLUDE);

            assertThat(overrides.list(backend.id(), acme)).containsExactly(renewed);
            assertThat(member(cy)).isPresent();
            assertThat(service.expireOverrides().expiredEntries()).isZero();
        }
    }
}
