package circles.application.service.membership;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.membership.AddGroupMembersUseCase.NewMember;
import circles.application.port.in.membership.JoinGroupUseCase;
import circles.application.port.in.membership.ListGroupMembersUseCase;
import circles.application.port.in.membership.UpdateGroupMemberUseCase;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.NotificationOverride;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupMembershipServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");
    private final OrgId globex = circles.org("globex", "gus");

    {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy", "dee", "mo");
    }

    private static NewMember member(String userId) {
        return new NewMember(UserId.of(userId), null, null, null, null, null);
    }

    private static NewMember member(String userId, GroupRole role) {
        return new NewMember(UserId.of(userId), role, null, null, null, null);
    }

    private static UpdateGroupMemberUseCase.Command changeRole(GroupId groupId, String userId, GroupRole role) {
        return new UpdateGroupMemberUseCase.Command(groupId, UserId.of(userId), role, null, null, null, null, null);
    }

    private static UpdateGroupMemberUseCase.Command changeStatus(GroupId groupId, String userId,
                                                                 MembershipStatus status) {
        return new UpdateGroupMemberUseCase.Command(groupId, UserId.of(userId), null, status, null, null, null, null);
    }

    @Nested
    class AddingInBulk {
        private final Group team = circles.group(DraftBuilder.named("Team").in(acme));

        @Test
        void one_bad_item_refuses_the_whole_batch_with_an_error_per_bad_item() {
            circles.addMember(team.id(), "cy", GroupRole.MEMBER);
            circles.as("ana");
            var mark = circles.auditMark();

            assertThatThrownBy(() -> circles.members.add(team.id(), List.of(member("bo"), member("gus"),
                    member("bo"), member("cy"), member("dee"))))
                    .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                        assertThat(violation.code()).isEqualTo("members-rejected");
                        assertThat(violation.errors()).extracting(FieldError::field)
                                .containsExactly("[1].userId", "[2].userId", "[3].userId");
                    });

            assertThat(circles.membership(team.id(), "bo")).isEmpty();
            assertThat(circles.membership(team.id(), "dee")).isEmpty();
            assertThat(mark.events()).isEmpty();
        }

        @Test
        void a_clean_batch_adds_everyone_and_audits_each_one() {
            circles.as("ana");
            var mark = circles.auditMark();

            List<Membership> added = circles.members.add(team.id(), List.of(member("bo", GroupRole.MODERATOR),
                    member("cy")));

            assertThat(added).extracting(Membership::userId).containsExactly(UserId.of("bo"), UserId.of("cy"));
            assertThat(circles.membership(team.id(), "bo")).get().satisfies(membership -> {
                assertThat(membership.role()).isEqualTo(GroupRole.MODERATOR);
                assertThat(membership.invitedBy()).isEqualTo(UserId.of("ana"));
            });
            assertThat(mark.events()).extracting(AuditEvent::action)
                    .containsExactly("group_member.added", "group_member.added");
            assertThat(mark.events()).extracting(AuditEvent::targetId).containsExactly("bo", "cy");
        }

        @Test
        void standalone_groups_take_any_user() {
            circles.as("eve");
            Group club = circles.groups.create(new CreateGroupUseCase.Command(
                    DraftBuilder.named("Club").build())).group();

            circles.members.add(club.id(), List.of(member("gus"), member("bo")));

            assertThat(circles.membership(club.id(), "gus")).isPresent();
        }

        @Test
        void moderators_add_only_plain_members() {
            circles.addMember(team.id(), "mo", GroupRole.MODERATOR);
            circles.as("mo");

            assertThatThrownBy(() -> circles.members.add(team.id(), List.of(member("bo"),
                    member("cy", GroupRole.ADMIN)))).isInstanceOfSatisfying(RuleViolation.class, violation ->
                    assertThat(violation.errors()).extracting(FieldError::field).containsExactly("[1].role"));
            assertThatThrownBy(() -> circles.members.add(team.id(), List.of(member("cy", GroupRole.OWNER))))
                    .isInstanceOf(RuleViolation.class);
            assertThat(circles.membership(team.id(), "bo")).isEmpty();

            assertThatThrownBy(() -> circles.members.add(team.id(), List.of(member("bo", GroupRole.MODERATOR))))
                    .isInstanceOf(RuleViolation.class);
            circles.members.add(team.id(), List.of(member("bo")));
            assertThat(circles.membership(team.id(), "bo")).map(Membership::role).contains(GroupRole.MEMBER);
        }

        @Test
        void group_admins_cannot_add_owners() {
            circles.addMember(team.id(), "bo", GroupRole.ADMIN);
            circles.as("bo");

            assertThatThrownBy(() -> circles.members.add(team.id(), List.of(member("cy", GroupRole.OWNER))))
                    .isInstanceOf(RuleViolation.class);
            circles.members.add(team.id(), List.of(member("cy", GroupRole.ADMIN)));
            assertThat(circles.membership(team.id(), "cy")).map(Membership::role).contains(GroupRole.ADMIN);
        }

        @Test
        void plain_members_invite_only_where_the_group_allows_it() {
            Group open = circles.group(DraftBuilder.named("Open").in(acme).settings(true, false, false));
            circles.addMember(team.id(), "bo", GroupRole.MEMBER);
            circles.addMember(open.id(), "bo", GroupRole.MEMBER);
            circles.as("bo");

            assertThatThrownBy(() -> circles.members.add(team.id(), List.of(member("cy"))))
                    .isInstanceOf(NotAllowed.class);
            assertThatThrownBy(() -> circles.members.add(open.id(), List.of(member("cy", GroupRole.MODERATOR))))
                    .isInstanceOf(RuleViolation.class);
            circles.members.add(open.id(), List.of(member("cy")));
            assertThat(circles.membership(open.id(), "cy")).isPresent();
        }

        @Test
        void another_orgs_group_is_not_found() {
            circles.as("gus");
            assertThatThrownBy(() -> circles.members.add(team.id(), List.of(member("bo"))))
                    .isInstanceOf(NotFound.class);
        }

        @Test
        void dynamic_and_archived_groups_take_no_members() {
            Group dynamic = circles.store(circles.domainGroup(acme, "Dyn", GroupKind.DYNAMIC,
                    Visibility.ORGANIZATION));
            circles.as("ana");
            assertThatThrownBy(() -> circles.members.add(dynamic.id(), List.of(member("bo"))))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("dynamic-group-read-only"));

            circles.groups.archive(team.id());
            assertThatThrownBy(() -> circles.members.add(team.id(), List.of(member("bo"))))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("group-archived"));
        }
    }

    @Nested
    class DynamicGroupsAreViewOnly {
        private final Group dynamic = circles.store(circles.domainGroup(acme, "Dyn", GroupKind.DYNAMIC,
                Visibility.ORGANIZATION));

        private void refusedAsReadOnly(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
            assertThatThrownBy(call).isInstanceOfSatisfying(RuleViolation.class, violation ->
                    assertThat(violation.code()).isEqualTo("dynamic-group-read-only"));
        }

        @Test
        void memberships_are_neither_changed_nor_approved_nor_looked_up_for_a_change() {
            circles.as("ana");
            refusedAsReadOnly(() -> circles.members.current(dynamic.id(), UserId.of("bo")));
            refusedAsReadOnly(() -> circles.members.update(changeStatus(dynamic.id(), "bo", MembershipStatus.ACTIVE)));
            refusedAsReadOnly(() -> circles.members.update(changeRole(dynamic.id(), "bo", GroupRole.ADMIN)));
        }

        @Test
        void assignments_are_neither_added_nor_removed() {
            circles.as("ana");
            var mark = circles.auditMark();
            refusedAsReadOnly(() -> circles.assignments.assign(dynamic.id(), "course", "c-1"));
            refusedAsReadOnly(() -> circles.assignments.remove(dynamic.id(), java.util.UUID.randomUUID()));
            assertThat(mark.events()).isEmpty();
        }

        @Test
        void a_static_groups_membership_is_the_start_of_a_change() {
            Group team = circles.group(DraftBuilder.named("Team").in(acme));
            circles.addMember(team.id(), "bo", GroupRole.MEMBER);
            circles.as("ana");
            assertThat(circles.members.current(team.id(), UserId.of("bo")).role()).isEqualTo(GroupRole.MEMBER);
            assertThatThrownBy(() -> circles.members.current(team.id(), UserId.of("cy")))
                    .isInstanceOf(NotFound.class);
        }
    }

    @Nested
    class Joining {
        private final Group open = circles.group(DraftBuilder.named("Open").in(acme).visibility(Visibility.PUBLIC));

        @Test
        void joining_a_public_group_makes_an_active_member() {
            circles.as("bo");

            JoinGroupUseCase.Joined joined = circles.members.join(open.id());

            assertThat(joined.created()).isTrue();
            assertThat(joined.membership().status()).isEqualTo(MembershipStatus.ACTIVE);
            assertThat(joined.membership().role()).isEqualTo(GroupRole.MEMBER);
            assertThat(circles.membership(open.id(), "bo")).isPresent();
        }

        @Test
        void a_second_join_changes_nothing() {
            circles.as("bo");
            circles.members.join(open.id());
            var mark = circles.auditMark();

            JoinGroupUseCase.Joined again = circles.members.join(open.id());

            assertThat(again.created()).isFalse();
            assertThat(again.membership().userId()).isEqualTo(UserId.of("bo"));
            assertThat(mark.events()).isEmpty();
        }

        @Test
        void require_approval_makes_a_pending_member() {
            Group gated = circles.group(DraftBuilder.named("Gated").in(acme).visibility(Visibility.PUBLIC)
                    .settings(false, true, false));
            circles.as("bo");

            assertThat(circles.members.join(gated.id()).membership().status()).isEqualTo(MembershipStatus.PENDING);
            assertThat(circles.groups.get(gated.id()).memberCount()).isZero();

            circles.as("ana");
            circles.members.update(changeStatus(gated.id(), "bo", MembershipStatus.ACTIVE));
            assertThat(circles.membership(gated.id(), "bo")).map(Membership::status)
                    .contains(MembershipStatus.ACTIVE);
        }

        @Test
        void only_public_groups_can_be_joined() {
            Group org = circles.group(DraftBuilder.named("Org").in(acme).visibility(Visibility.ORGANIZATION));
            Group secret = circles.group(DraftBuilder.named("Secret").in(acme).visibility(Visibility.PRIVATE));
            circles.as("bo");

            assertThatThrownBy(() -> circles.members.join(org.id())).isInstanceOf(NotAllowed.class);
            assertThatThrownBy(() -> circles.members.join(secret.id())).isInstanceOf(NotFound.class);
            circles.as("gus");
            assertThatThrownBy(() -> circles.members.join(open.id())).isInstanceOf(NotFound.class);
        }

        @Test
        void anyone_joins_a_public_standalone_group() {
            Group club = circles.group(DraftBuilder.named("Club").visibility(Visibility.PUBLIC));
            circles.as("gus");
            assertThat(circles.members.join(club.id()).created()).isTrue();
        }

        @Test
        void dynamic_and_archived_groups_cannot_be_joined() {
            Group dynamic = circles.store(circles.domainGroup(acme, "Dyn", GroupKind.DYNAMIC, Visibility.PUBLIC));
            circles.as("ana");
            circles.groups.archive(open.id());
            circles.as("bo");

            assertThatThrownBy(() -> circles.members.join(dynamic.id()))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("dynamic-group-read-only"));
            assertThatThrownBy(() -> circles.members.join(open.id()))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("group-archived"));
        }
    }

    @Nested
    class Owners {
        private Group club;

        private Group club() {
            circles.as("eve");
            club = circles.groups.create(new CreateGroupUseCase.Command(
                    DraftBuilder.named("Club").visibility(Visibility.PUBLIC).build())).group();
            return club;
        }

        @Test
        void the_last_owner_cannot_leave() {
            club();

            assertThatThrownBy(() -> circles.members.leave(club.id()))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("last-owner"));
            assertThatThrownBy(() -> circles.members.remove(club.id(), UserId.of("eve")))
                    .isInstanceOf(RuleViolation.class);
            assertThat(circles.membership(club.id(), "eve")).isPresent();
        }

        @Test
        void an_owner_leaves_once_another_owner_is_there() {
            club();
            circles.members.add(club.id(), List.of(member("fay", GroupRole.OWNER)));

            circles.members.leave(club.id());

            assertThat(circles.membership(club.id(), "eve")).isEmpty();
        }

        @Test
        void the_last_owner_cannot_be_demoted_or_suspended() {
            club();

            assertThatThrownBy(() -> circles.members.update(changeRole(club.id(), "eve", GroupRole.ADMIN)))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.code()).isEqualTo("last-owner"));
            assertThatThrownBy(() -> circles.members.update(changeStatus(club.id(), "eve",
                    MembershipStatus.SUSPENDED))).isInstanceOf(RuleViolation.class);
            assertThat(circles.membership(club.id(), "eve")).get().satisfies(membership -> {
                assertThat(membership.role()).isEqualTo(GroupRole.OWNER);
                assertThat(membership.status()).isEqualTo(MembershipStatus.ACTIVE);
            });
        }

        @Test
        void another_owner_makes_demotion_possible() {
            club();
            circles.members.add(club.id(), List.of(member("fay", GroupRole.OWNER)));

            circles.members.update(changeRole(club.id(), "eve", GroupRole.ADMIN));

            assertThat(circles.membership(club.id(), "eve")).map(Membership::role).contains(GroupRole.ADMIN);
        }

        @Test
        void an_owner_whose_membership_has_lapsed_does_not_count_as_the_last_owner() {
            club();
            circles.members.add(club.id(), List.of(new NewMember(UserId.of("fay"), GroupRole.OWNER, null, null,
                    circles.clock.instant().plusSeconds(60), null)));
            circles.clock.advance(Duration.ofMinutes(2));

            assertThatThrownBy(() -> circles.members.leave(club.id())).isInstanceOf(RuleViolation.class);
        }
    }

    @Nested
    class ChangingAndRemoving {
        private final Group team = circles.group(DraftBuilder.named("Team").in(acme));

        {
            circles.addMember(team.id(), "bo", GroupRole.ADMIN);
            circles.addMember(team.id(), "mo", GroupRole.MODERATOR);
            circles.addMember(team.id(), "cy", GroupRole.MEMBER);
        }

        @Test
        void a_moderator_never_touches_an_admin() {
            circles.as("mo");

            assertThatThrownBy(() -> circles.members.remove(team.id(), UserId.of("bo")))
                    .isInstanceOf(NotAllowed.class);
            assertThatThrownBy(() -> circles.members.update(changeRole(team.id(), "bo", GroupRole.MEMBER)))
                    .isInstanceOf(NotAllowed.class);
            assertThat(circles.membership(team.id(), "bo")).map(Membership::role).contains(GroupRole.ADMIN);
        }

        @Test
        void a_moderator_promotes_nobody() {
            circles.as("mo");
            assertThatThrownBy(() -> circles.members.update(changeRole(team.id(), "cy", GroupRole.ADMIN)))
                    .isInstanceOf(RuleViolation.class);
            assertThatThrownBy(() -> circles.members.update(changeRole(team.id(), "cy", GroupRole.MODERATOR)))
                    .isInstanceOf(RuleViolation.class);
            assertThat(circles.membership(team.id(), "cy")).map(Membership::role).contains(GroupRole.MEMBER);
        }

        @Test
        void a_moderator_removes_a_plain_member() {
            circles.as("mo");
            var mark = circles.auditMark();

            circles.members.remove(team.id(), UserId.of("cy"));

            assertThat(circles.membership(team.id(), "cy")).isEmpty();
            assertThat(mark.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo("group_member.removed");
                assertThat(event.actorId()).isEqualTo(UserId.of("mo"));
            });
        }

        @Test
        void a_plain_member_leaves_but_removes_nobody() {
            circles.as("cy");

            assertThatThrownBy(() -> circles.members.remove(team.id(), UserId.of("mo")))
                    .isInstanceOf(NotAllowed.class);
            circles.members.leave(team.id());
            assertThat(circles.membership(team.id(), "cy")).isEmpty();
            assertThatThrownBy(() -> circles.members.leave(team.id())).isInstanceOf(NotFound.class);
        }

        @Test
        void a_plain_member_changes_only_their_own_notifications() {
            circles.as("cy");

            circles.members.update(new UpdateGroupMemberUseCase.Command(team.id(), UserId.of("cy"), null, null, null,
                    null, null, Optional.of(new NotificationOverride(false, null))));

            assertThat(circles.membership(team.id(), "cy").orElseThrow().notificationOverride().enabled()).isFalse();
            assertThatThrownBy(() -> circles.members.update(changeRole(team.id(), "cy", GroupRole.MODERATOR)))
                    .isInstanceOf(NotAllowed.class);
        }
    }

    @Nested
    class EffectiveMembership {
        private final Group parent = circles.group(DraftBuilder.named("Engineering").in(acme));
        private final Group child = circles.group(DraftBuilder.named("Backend").in(acme).under(parent.id()));
        private final Group grandChild = circles.group(DraftBuilder.named("Payments").in(acme).under(child.id()));

        private List<MembershipRepository.EffectiveMember> list(GroupId groupId, ListGroupMembersUseCase.View view) {
            return circles.members.list(groupId, view, null, PageRequest.first(100)).items();
        }

        @Test
        void members_of_subgroups_are_effective_members_of_every_ancestor() {
            circles.addMember(parent.id(), "bo", GroupRole.MEMBER);
            circles.addMember(child.id(), "cy", GroupRole.MEMBER);
            circles.addMember(grandChild.id(), "dee", GroupRole.MEMBER);
            circles.addMember(grandChild.id(), "bo", GroupRole.MEMBER);
            circles.as("mo");

            assertThat(list(parent.id(), ListGroupMembersUseCase.View.DIRECT))
                    .extracting(member -> member.membership().userId().value()).containsExactly("bo");
            assertThat(list(parent.id(), ListGroupMembersUseCase.View.EFFECTIVE))
                    .extracting(member -> member.membership().userId().value() + " via " + name(member.via()))
                    .containsExactly("bo via Engineering", "cy via Backend", "dee via Payments");
            assertThat(list(child.id(), ListGroupMembersUseCase.View.EFFECTIVE))
                    .extracting(member -> member.membership().userId().value() + " via " + name(member.via()))
                    .containsExactly("bo via Payments", "cy via Backend", "dee via Payments");
            assertThat(circles.groups.get(parent.id()).memberCount()).isEqualTo(3);
        }

        @Test
        void inactive_memberships_of_subgroups_do_not_count() {
            circles.addMember(child.id(), "cy", GroupRole.MEMBER, MembershipStatus.PENDING, null);
            circles.addMember(child.id(), "dee", GroupRole.MEMBER, MembershipStatus.ACTIVE,
                    circles.clock.instant().plusSeconds(30));
            circles.clock.advance(Duration.ofMinutes(1));
            circles.as("mo");

            assertThat(list(parent.id(), ListGroupMembersUseCase.View.EFFECTIVE)).isEmpty();
            assertThat(circles.groups.get(parent.id()).memberCount()).isZero();
        }

        @Test
        void the_callers_groups_include_the_ancestors_of_their_groups() {
            circles.addMember(grandChild.id(), "dee", GroupRole.MEMBER);
            circles.as("dee");

            var groups = circles.memberGroups.myGroups(PageRequest.first(100)).items();

            assertThat(groups).extracting(entry -> entry.group().name() + (entry.direct() ? "" : " via "
                    + name(entry.via()))).containsExactlyInAnyOrder("Payments", "Backend via Payments",
                    "Engineering via Payments");
        }

        private String name(GroupId groupId) {
            return circles.stored(groupId).orElseThrow().name();
        }
    }
}
