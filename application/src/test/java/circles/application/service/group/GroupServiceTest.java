package circles.application.service.group;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.group.GetGroupHierarchyUseCase;
import circles.application.port.in.group.GroupView;
import circles.application.port.in.group.ListGroupsUseCase;
import circles.application.port.in.group.UpdateGroupUseCase;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupStatus;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.Conflict;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.VersionConflict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");
    private final OrgId globex = circles.org("globex", "gus");

    {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy");
    }

    private GroupView create(DraftBuilder draft) {
        return circles.groups.create(new CreateGroupUseCase.Command(draft.build()));
    }

    private static UpdateGroupUseCase.Command rename(GroupId groupId, Long expectedVersion, String name) {
        return new UpdateGroupUseCase.Command(groupId, expectedVersion, Optional.of(name), null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private static UpdateGroupUseCase.Command move(GroupId groupId, GroupId parentId) {
        return new UpdateGroupUseCase.Command(groupId, null, null, null, null, null, null, null, null,
                Optional.ofNullable(parentId), null, null, null, null, null);
    }

    @Nested
    class Creating {
        @Test
        void org_admin_creates_an_org_group_and_owns_it_without_becoming_a_member() {
            circles.as("ana");

            GroupView view = create(DraftBuilder.named("Q4 Launch Team!").in(acme));

            Group group = view.group();
            assertThat(group.orgIdOrNull()).isEqualTo(acme);
            assertThat(group.ownerId()).isEqualTo(UserId.of("ana"));
            assertThat(group.slug().value()).isEqualTo("q4-launch-team");
            assertThat(view.memberCount()).isZero();
            assertThat(circles.membership(group.id(), "ana")).isEmpty();
            assertThat(circles.stored(group.id())).isPresent();
            assertThat(circles.tenant.entered()).contains(acme);
        }

        @Test
        void a_plain_org_member_cannot_create_org_groups() {
            circles.as("bo");
            assertThatThrownBy(() -> create(DraftBuilder.named("Mine").in(acme))).isInstanceOf(NotAllowed.class);
        }

        @Test
        void an_outsider_is_told_the_org_does_not_exist() {
            circles.as("gus");
            assertThatThrownBy(() -> create(DraftBuilder.named("Mine").in(acme))).isInstanceOf(NotFound.class);
        }

        @Test
        void anyone_creates_a_standalone_group_and_becomes_its_owner_member() {
            circles.as("eve");

            GroupView view = create(DraftBuilder.named("Chess Club").visibility(Visibility.PUBLIC));

            assertThat(view.group().isStandalone()).isTrue();
            assertThat(view.group().ownerId()).isEqualTo(UserId.of("eve"));
            assertThat(circles.membership(view.group().id(), "eve")).get().satisfies(membership -> {
                assertThat(membership.role()).isEqualTo(GroupRole.OWNER);
                assertThat(membership.status()).isEqualTo(MembershipStatus.ACTIVE);
            });
            assertThat(view.memberCount()).isEqualTo(1);
        }

        @Test
        void names_are_unique_per_org_ignoring_case() {
            circles.as("ana");
            create(DraftBuilder.named("Backend").in(acme));

            assertThatThrownBy(() -> create(DraftBuilder.named("BACKEND").in(acme)))
                    .isInstanceOfSatisfying(Conflict.class, conflict ->
                            assertThat(conflict.code()).isEqualTo("group-name-taken"));

            circles.as("gus");
            assertThat(create(DraftBuilder.named("Backend").in(globex)).group().name()).isEqualTo("Backend");
        }

        @Test
        void a_derived_slug_that_is_taken_gets_the_next_free_suffix() {
            circles.as("ana");
            assertThat(create(DraftBuilder.named("Ops Team").in(acme)).group().slug().value()).isEqualTo("ops-team");
            assertThat(create(DraftBuilder.named("Ops Team!").in(acme)).group().slug().value())
                    .isEqualTo("ops-team-2");
            create(DraftBuilder.named("Misc").slug("ops-team-3").in(acme));

            Group fourth = create(DraftBuilder.named("Ops  Team?").in(acme)).group();

            assertThat(fourth.slug().value()).isEqualTo("ops-team-4");
        }

        @Test
        void a_chosen_slug_that_is_taken_is_a_conflict() {
            circles.as("ana");
            create(DraftBuilder.named("Ops Team").in(acme));

            assertThatThrownBy(() -> create(DraftBuilder.named("Other").slug("ops-team").in(acme)))
                    .isInstanceOfSatisfying(Conflict.class, conflict ->
                            assertThat(conflict.code()).isEqualTo("group-slug-taken"));
        }

        @Test
        void slugs_of_standalone_groups_and_of_each_org_are_separate() {
            circles.as("ana");
            Group acmeOps = create(DraftBuilder.named("Ops").in(acme)).group();
            circles.as("gus");
            Group globexOps = create(DraftBuilder.named("Ops").in(globex)).group();
            Group standaloneOps = create(DraftBuilder.named("Ops")).group();

            assertThat(List.of(acmeOps.slug(), globexOps.slug(), standaloneOps.slug()))
                    .extracting(slug -> slug.value()).containsOnly("ops");
        }

        @Test
        void dynamic_groups_cannot_be_created_without_a_rule() {
            circles.as("ana");
            assertThatThrownBy(() -> create(DraftBuilder.named("Dyn").in(acme).kind(GroupKind.DYNAMIC)))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.errors()).extracting(FieldError::field).containsExactly("kind"));
        }

        @Test
        void the_reviewer_must_be_an_org_member() {
            circles.as("ana");
            assertThatThrownBy(() -> create(DraftBuilder.named("Team").in(acme).reviewer("gus")))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.errors()).extracting(FieldError::field)
                                    .containsExactly("reviewerId"));
            assertThat(create(DraftBuilder.named("Team").in(acme).reviewer("bo")).group().reviewerId())
                    .isEqualTo(UserId.of("bo"));
        }

        @Test
        void a_parent_of_another_org_is_reported_as_a_missing_parent() {
            circles.as("gus");
            Group foreign = create(DraftBuilder.named("Foreign").in(globex)).group();
            circles.as("ana");

            assertThatThrownBy(() -> create(DraftBuilder.named("Child").in(acme).under(foreign.id())))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.errors()).extracting(FieldError::field).containsExactly("parentId"));
        }

        @Test
        void group_managers_create_subgroups_and_nesting_stops_at_ten_levels() {
            circles.as("ana");
            GroupId parent = null;
            for (int level = 1; level <= 10; level++) {
                parent = create(DraftBuilder.named("Level " + level).in(acme).under(parent)).group().id();
            }
            GroupId deepest = parent;

            assertThat(circles.groupRepository.ancestors(deepest)).hasSize(9);
            assertThatThrownBy(() -> create(DraftBuilder.named("Level 11").in(acme).under(deepest)))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("nesting-too-deep"));
        }

        @Test
        void a_group_admin_creates_subgroups_of_their_group() {
            Group team = circles.group(DraftBuilder.named("Team").in(acme));
            circles.addMember(team.id(), "bo", GroupRole.ADMIN);
            circles.as("bo");

            Group sub = create(DraftBuilder.named("Sub").in(acme).under(team.id())).group();
            assertThat(sub.parentId()).isEqualTo(team.id());

            circles.as("cy");
            assertThatThrownBy(() -> create(DraftBuilder.named("Sub 2").in(acme).under(team.id())))
                    .isInstanceOf(NotAllowed.class);
        }
    }

    @Nested
    class Updating {
        private final Group team = circles.group(DraftBuilder.named("Team").in(acme));

        @Test
        void a_stale_expected_version_is_a_version_conflict() {
            circles.as("ana");
            // A new group is stored at version 1, as the database stores it.
            GroupView renamed = circles.groups.update(rename(team.id(), 1L, "Team A"));
            assertThat(renamed.group().version()).isEqualTo(2);

            assertThatThrownBy(() -> circles.groups.update(rename(team.id(), 1L, "Team B")))
                    .isInstanceOf(VersionConflict.class);
            assertThat(circles.stored(team.id()).orElseThrow().name()).isEqualTo("Team A");
            circles.groups.update(rename(team.id(), 2L, "Team B"));
            assertThat(circles.stored(team.id()).orElseThrow().name()).isEqualTo("Team B");
        }

        @Test
        void renaming_to_a_taken_name_is_a_conflict() {
            circles.group(DraftBuilder.named("Other").in(acme));
            circles.as("ana");

            assertThatThrownBy(() -> circles.groups.update(rename(team.id(), null, "other")))
                    .isInstanceOf(Conflict.class);
            circles.groups.update(rename(team.id(), null, "TEAM"));
            assertThat(circles.stored(team.id()).orElseThrow().name()).isEqualTo("TEAM");
        }

        @Test
        void moving_a_group_under_its_own_subgroup_is_refused() {
            Group sub = circles.group(DraftBuilder.named("Sub").in(acme).under(team.id()));
            Group subSub = circles.group(DraftBuilder.named("Sub sub").in(acme).under(sub.id()));
            circles.as("ana");

            assertThatThrownBy(() -> circles.groups.update(move(team.id(), subSub.id())))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("nesting-cycle"));
            assertThatThrownBy(() -> circles.groups.update(move(team.id(), team.id())))
                    .isInstanceOf(RuleViolation.class);
            assertThat(circles.stored(team.id()).orElseThrow().parentId()).isNull();
        }

        @Test
        void moving_counts_the_height_of_the_moved_subtree() {
            GroupId parent = null;
            for (int level = 1; level <= 5; level++) {
                parent = circles.group(DraftBuilder.named("Chain " + level).in(acme).under(parent)).id();
            }
            GroupId chainEnd = parent;
            GroupId below = team.id();
            for (int level = 2; level <= 5; level++) {
                below = circles.group(DraftBuilder.named("Team " + level).in(acme).under(below)).id();
            }
            Group otherTeam = circles.group(DraftBuilder.named("Small").in(acme));
            circles.as("ana");

            // chain of 5 + team subtree of 5 = 10 levels: allowed; one more level is not
            circles.groups.update(move(team.id(), chainEnd));
            assertThat(circles.stored(team.id()).orElseThrow().parentId()).isEqualTo(chainEnd);
            circles.groups.update(move(team.id(), null));
            circles.groups.update(move(otherTeam.id(), chainEnd));
            assertThatThrownBy(() -> circles.groups.update(move(team.id(), otherTeam.id())))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("nesting-too-deep"));
        }

        @Test
        void group_admins_change_settings_but_moderators_do_not() {
            circles.addMember(team.id(), "bo", GroupRole.ADMIN);
            circles.addMember(team.id(), "cy", GroupRole.MODERATOR);

            circles.as("cy");
            assertThatThrownBy(() -> circles.groups.update(rename(team.id(), null, "By cy")))
                    .isInstanceOf(NotAllowed.class);
            circles.as("bo");
            assertThat(circles.groups.update(rename(team.id(), null, "By bo")).group().name()).isEqualTo("By bo");
        }

        @Test
        void another_orgs_group_is_not_found_rather_than_forbidden() {
            circles.as("gus");

            assertThatThrownBy(() -> circles.groups.get(team.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> circles.groups.update(rename(team.id(), null, "Mine")))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> circles.groups.archive(team.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> circles.groups.delete(team.id(), true)).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> circles.groups.hierarchy(team.id())).isInstanceOf(NotFound.class);
            assertThat(circles.stored(team.id())).isPresent();
        }

        @Test
        void archive_and_unarchive() {
            circles.as("ana");

            assertThat(circles.groups.archive(team.id()).group().status()).isEqualTo(GroupStatus.ARCHIVED);
            assertThat(circles.stored(team.id()).orElseThrow().status()).isEqualTo(GroupStatus.ARCHIVED);
            assertThat(circles.groups.unarchive(team.id()).group().status()).isEqualTo(GroupStatus.ACTIVE);
        }
    }

    @Nested
    class Deleting {
        private final Group team = circles.group(DraftBuilder.named("Team").in(acme));
        private final Group sub = circles.group(DraftBuilder.named("Sub").in(acme).under(team.id()));
        private final Group subSub = circles.group(DraftBuilder.named("Sub sub").in(acme).under(sub.id()));

        @Test
        void a_group_with_subgroups_is_a_conflict_unless_cascading() {
            circles.as("ana");

            assertThatThrownBy(() -> circles.groups.delete(team.id(), false))
                    .isInstanceOfSatisfying(Conflict.class, conflict ->
                            assertThat(conflict.code()).isEqualTo("group-has-subgroups"));
            assertThat(circles.stored(team.id())).isPresent();
        }

        @Test
        void cascading_deletes_the_subtree_with_its_memberships() {
            circles.addMember(subSub.id(), "bo", GroupRole.MEMBER);
            circles.as("ana");

            circles.groups.delete(team.id(), true);

            assertThat(circles.stored(team.id())).isEmpty();
            assertThat(circles.stored(sub.id())).isEmpty();
            assertThat(circles.stored(subSub.id())).isEmpty();
            assertThat(circles.membership(subSub.id(), "bo")).isEmpty();
        }

        @Test
        void a_leaf_is_deleted_without_cascading() {
            circles.as("ana");
            circles.groups.delete(subSub.id(), false);
            assertThat(circles.stored(subSub.id())).isEmpty();
            assertThat(circles.stored(sub.id())).isPresent();
        }

        @Test
        void group_admins_may_not_delete() {
            circles.addMember(team.id(), "bo", GroupRole.ADMIN);
            circles.as("bo");
            assertThatThrownBy(() -> circles.groups.delete(subSub.id(), false)).isInstanceOf(NotAllowed.class);
            assertThatThrownBy(() -> circles.groups.delete(team.id(), true)).isInstanceOf(NotAllowed.class);
        }
    }

    @Nested
    class Reading {
        private final Group open = circles.group(DraftBuilder.named("Open").in(acme).visibility(Visibility.PUBLIC));
        private final Group org = circles.group(DraftBuilder.named("Org").in(acme).visibility(Visibility.ORGANIZATION));
        private final Group secret = circles.group(DraftBuilder.named("Secret").in(acme)
                .visibility(Visibility.PRIVATE));
        private final Group foreign = circles.group(DraftBuilder.named("Foreign").in(globex)
                .visibility(Visibility.PUBLIC));
        private final Group club = circles.group(DraftBuilder.named("Club").visibility(Visibility.PUBLIC));
        private final Group hidden = circles.group(DraftBuilder.named("Hidden Club").visibility(Visibility.PRIVATE));

        private List<String> listed(ListGroupsUseCase.Query query) {
            return circles.groups.list(query, PageRequest.first(100)).items().stream()
                    .map(view -> view.group().name()).toList();
        }

        private ListGroupsUseCase.Query all() {
            return new ListGroupsUseCase.Query(null, null, null, null, null, null, null, null, null);
        }

        @Test
        void private_groups_are_invisible_to_org_members_outside_them() {
            circles.as("bo");

            assertThatThrownBy(() -> circles.groups.get(secret.id())).isInstanceOf(NotFound.class);
            assertThat(circles.groups.get(org.id()).group().name()).isEqualTo("Org");
            assertThat(listed(all())).containsExactly("Club", "Open", "Org");

            circles.addMember(secret.id(), "bo", GroupRole.MEMBER);
            assertThat(listed(all())).containsExactly("Club", "Open", "Org", "Secret");
        }

        @Test
        void admins_see_every_group_of_their_org() {
            circles.as("ana");
            assertThat(listed(all())).containsExactly("Club", "Open", "Org", "Secret");
        }

        @Test
        void platform_admins_see_everything() {
            circles.asPlatformAdmin("root");
            assertThat(listed(all())).containsExactly("Club", "Foreign", "Hidden Club", "Open", "Org", "Secret");
        }

        @Test
        void listing_another_orgs_groups_shows_nothing() {
            circles.as("bo");
            assertThat(listed(new ListGroupsUseCase.Query(globex, null, null, null, null, null, null, null, null)))
                    .isEmpty();
        }

        @Test
        void joinable_lists_public_static_groups_the_caller_is_not_in() {
            circles.as("bo");
            assertThat(listed(new ListGroupsUseCase.Query(null, null, null, null, null, null, null,
                    GroupRepository.MembershipFilter.JOINABLE, null))).containsExactly("Club", "Open");

            circles.members.join(open.id());
            assertThat(listed(new ListGroupsUseCase.Query(null, null, null, null, null, null, null,
                    GroupRepository.MembershipFilter.JOINABLE, null))).containsExactly("Club");
            assertThat(listed(new ListGroupsUseCase.Query(null, null, null, null, null, null, null,
                    GroupRepository.MembershipFilter.MINE, null))).containsExactly("Open");
        }

        @Test
        void effective_members_of_subgroups_count_for_the_parent() {
            Group sub = circles.group(DraftBuilder.named("Sub").in(acme).under(org.id()));
            circles.addMember(org.id(), "bo", GroupRole.MEMBER);
            circles.addMember(sub.id(), "bo", GroupRole.MEMBER);
            circles.addMember(sub.id(), "cy", GroupRole.MEMBER);
            circles.as("bo");

            assertThat(circles.groups.get(org.id()).memberCount()).isEqualTo(2);
            assertThat(circles.groups.get(sub.id()).memberCount()).isEqualTo(2);
        }

        @Test
        void the_hierarchy_shows_only_what_the_caller_may_see() {
            Group visibleChild = circles.group(DraftBuilder.named("Child").in(acme).under(org.id()));
            Group privateChild = circles.group(DraftBuilder.named("Private child").in(acme).under(org.id())
                    .visibility(Visibility.PRIVATE));
            Group grandChild = circles.group(DraftBuilder.named("Grandchild").in(acme).under(visibleChild.id()));
            circles.as("bo");

            GetGroupHierarchyUseCase.Hierarchy hierarchy = circles.groups.hierarchy(visibleChild.id());
            assertThat(hierarchy.ancestors()).extracting(Group::id).containsExactly(org.id());
            assertThat(hierarchy.children()).extracting(node -> node.group().id()).containsExactly(grandChild.id());

            GetGroupHierarchyUseCase.Hierarchy top = circles.groups.hierarchy(org.id());
            assertThat(top.children()).extracting(node -> node.group().id()).containsExactly(visibleChild.id());
            assertThat(top.children()).extracting(node -> node.group().id()).doesNotContain(privateChild.id());
        }

        @Test
        void dynamic_private_groups_are_for_admins_only() {
            Group dynamic = circles.store(circles.domainGroup(acme, "Recent logins", GroupKind.DYNAMIC,
                    Visibility.PRIVATE));
            circles.as("bo");
            assertThatThrownBy(() -> circles.groups.get(dynamic.id())).isInstanceOf(NotFound.class);
            circles.as("ana");
            assertThat(circles.groups.get(dynamic.id()).group().isDynamic()).isTrue();
        }

        @Test
        void created_groups_are_audited() {
            assertThat(circles.db.auditEvents()).filteredOn(event -> event.action().equals("group.created"))
                    .extracting(AuditEvent::targetId)
                    .contains(open.id().toString(), secret.id().toString(), club.id().toString(),
                            hidden.id().toString(), foreign.id().toString());
        }
    }
}
