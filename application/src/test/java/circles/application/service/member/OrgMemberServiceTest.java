package circles.application.service.member;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.member.UpdateOrgMemberUseCase;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.Conflict;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.VersionConflict;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrgMemberServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");

    private static AddOrgMemberUseCase.Command add(OrgId orgId, String userId, OrgRole role) {
        return new AddOrgMemberUseCase.Command(orgId, UserId.of(userId), role, userId + "@example.org", userId);
    }

    @Test
    void admin_adds_a_member() {
        circles.as("ana");

        OrgMember member = circles.orgMembers.add(add(acme, "bo", null));

        assertThat(member.role()).isEqualTo(OrgRole.MEMBER);
        assertThat(member.profile().email()).isEqualTo("bo@example.org");
        assertThat(circles.orgMember(acme, "bo")).isPresent();
        assertThat(circles.db.users()).containsKey(UserId.of("bo"));
    }

    @Test
    void adding_someone_twice_is_a_conflict() {
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.as("ana");

        assertThatThrownBy(() -> circles.orgMembers.add(add(acme, "bo", OrgRole.MEMBER)))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void it_admin_adds_members_but_no_admins() {
        circles.joinOrg(acme, "ita", OrgRole.IT_ADMIN);
        circles.as("ita");

        circles.orgMembers.add(add(acme, "bo", OrgRole.MEMBER));
        circles.orgMembers.add(add(acme, "cy", OrgRole.IT_ADMIN));
        assertThatThrownBy(() -> circles.orgMembers.add(add(acme, "dee", OrgRole.ADMIN)))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("role"));
        assertThat(circles.orgMember(acme, "dee")).isEmpty();
    }

    @Test
    void it_admin_cannot_demote_or_remove_an_admin() {
        circles.joinOrg(acme, "ita", OrgRole.IT_ADMIN);
        circles.joinOrg(acme, "adam", OrgRole.ADMIN);
        circles.as("ita");

        assertThatThrownBy(() -> circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme,
                UserId.of("adam"), null, OrgRole.MEMBER, null))).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> circles.orgMembers.remove(acme, UserId.of("adam"))).isInstanceOf(NotAllowed.class);
        assertThat(circles.orgMember(acme, "adam")).get().extracting(OrgMember::role).isEqualTo(OrgRole.ADMIN);
    }

    @Test
    void plain_members_manage_nobody() {
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.as("bo");

        assertThatThrownBy(() -> circles.orgMembers.add(add(acme, "cy", OrgRole.MEMBER)))
                .isInstanceOf(NotAllowed.class);
    }

    @Test
    void outsiders_do_not_see_the_org_at_all() {
        OrgId globex = circles.org("globex", "gus");
        circles.as("gus");

        assertThatThrownBy(() -> circles.orgMembers.add(add(acme, "cy", OrgRole.MEMBER)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> circles.orgMembers.get(acme, UserId.of("ana"))).isInstanceOf(NotFound.class);
        assertThat(circles.orgMember(globex, "gus")).isPresent();
    }

    @Test
    void new_members_join_the_groups_that_auto_add_them() {
        Group everyone = circles.group(DraftBuilder.named("Everyone").in(acme).settings(false, false, true));
        Group archived = circles.group(DraftBuilder.named("Old Everyone").in(acme).settings(false, false, true));
        Group manual = circles.group(DraftBuilder.named("Manual").in(acme));
        OrgId globex = circles.org("globex", "gus");
        Group foreign = circles.group(DraftBuilder.named("Everyone").in(globex).settings(false, false, true));
        circles.as("ana");
        circles.groups.archive(archived.id());

        circles.orgMembers.add(add(acme, "bo", OrgRole.MEMBER));

        assertThat(circles.membership(everyone.id(), "bo")).get().satisfies(membership -> {
            assertThat(membership.role()).isEqualTo(GroupRole.MEMBER);
            assertThat(membership.status()).isEqualTo(MembershipStatus.ACTIVE);
        });
        assertThat(circles.membership(archived.id(), "bo")).isEmpty();
        assertThat(circles.membership(manual.id(), "bo")).isEmpty();
        assertThat(circles.membership(foreign.id(), "bo")).isEmpty();
    }

    @Test
    void removing_someone_from_the_org_removes_them_from_its_groups_only() {
        OrgId globex = circles.org("globex", "gus");
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.joinOrg(globex, "bo", OrgRole.MEMBER);
        Group team = circles.group(DraftBuilder.named("Team").in(acme));
        Group sub = circles.group(DraftBuilder.named("Sub").in(acme).under(team.id()));
        Group foreign = circles.group(DraftBuilder.named("Team").in(globex));
        circles.as("bo");
        Group club = circles.groups.create(new CreateGroupUseCase.Command(
                DraftBuilder.named("Chess Club").visibility(Visibility.PUBLIC).build())).group();
        circles.addMember(team.id(), "bo", GroupRole.MODERATOR);
        circles.addMember(sub.id(), "bo", GroupRole.MEMBER);
        circles.addMember(foreign.id(), "bo", GroupRole.MEMBER);
        var mark = circles.auditMark();
        circles.as("ana");

        circles.orgMembers.remove(acme, UserId.of("bo"));

        assertThat(circles.orgMember(acme, "bo")).isEmpty();
        assertThat(circles.membership(team.id(), "bo")).isEmpty();
        assertThat(circles.membership(sub.id(), "bo")).isEmpty();
        assertThat(circles.membership(foreign.id(), "bo")).isPresent();
        assertThat(circles.membership(club.id(), "bo")).isPresent();
        assertThat(circles.orgMember(globex, "bo")).isPresent();
        assertThat(mark.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("org_member.removed");
            assertThat(event.summary().get("removedFromGroups")).asInstanceOf(
                    InstanceOfAssertFactories.LIST)
                    .containsExactlyInAnyOrder(team.id().toString(), sub.id().toString());
        });
    }

    @Test
    void the_last_active_admin_cannot_be_demoted_suspended_or_removed() {
        circles.as("ana");
        UserId ana = UserId.of("ana");

        assertThatThrownBy(() -> circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, ana, null,
                OrgRole.MEMBER, null))).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo("last-admin"));
        assertThatThrownBy(() -> circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, ana, null,
                null, MemberStatus.SUSPENDED))).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> circles.orgMembers.remove(acme, ana)).isInstanceOf(RuleViolation.class);
        assertThat(circles.orgMember(acme, "ana")).get().satisfies(member -> {
            assertThat(member.role()).isEqualTo(OrgRole.ADMIN);
            assertThat(member.isActive()).isTrue();
        });

        circles.joinOrg(acme, "adam", OrgRole.ADMIN);
        circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, ana, null, OrgRole.MEMBER, null));
        assertThat(circles.orgMember(acme, "ana")).get().extracting(OrgMember::role).isEqualTo(OrgRole.MEMBER);
    }

    @Test
    void a_stale_expected_version_is_a_version_conflict() {
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.as("ana");
        circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, UserId.of("bo"), 1L, OrgRole.IT_ADMIN,
                null));

        assertThatThrownBy(() -> circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme,
                UserId.of("bo"), 1L, OrgRole.MEMBER, null))).isInstanceOf(VersionConflict.class);
        assertThat(circles.orgMember(acme, "bo")).get().extracting(OrgMember::role).isEqualTo(OrgRole.IT_ADMIN);
    }

    @Test
    void suspended_org_members_lose_their_rights_in_the_orgs_groups() {
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        Group team = circles.group(DraftBuilder.named("Team").in(acme).visibility(Visibility.PRIVATE));
        circles.addMember(team.id(), "bo", GroupRole.ADMIN);
        circles.as("ana");
        circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, UserId.of("bo"), null, null,
                MemberStatus.SUSPENDED));
        circles.as("bo");

        assertThatThrownBy(() -> circles.groups.get(team.id())).isInstanceOf(NotFound.class);
        assertThat(circles.membership(team.id(), "bo")).map(Membership::role).contains(GroupRole.ADMIN);
        assertThat(List.of(circles.orgMember(acme, "bo").orElseThrow().status())).containsExactly(
                MemberStatus.SUSPENDED);
    }
}
