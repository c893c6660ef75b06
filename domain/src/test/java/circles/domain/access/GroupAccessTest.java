package circles.domain.access;

import circles.domain.Fixtures;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupSettings;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.NotificationDefaults;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static circles.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class GroupAccessTest {
    private static final OrgId ORG = OrgId.random();
    private static final Actor ANA = Fixtures.user("ana");
    private static final GroupSettings INVITES =
            new GroupSettings(true, false, false, NotificationDefaults.ON);

    private static GroupAccess access(Actor actor, Group group, OrgRole orgRole, Membership membership) {
        return new GroupAccess(actor, group, orgRole, membership, NOW);
    }

    private static void assertMayDoEverything(GroupAccess access, Group group) {
        assertThat(access.mayView()).isTrue();
        assertThat(access.mayDelete()).isTrue();
        assertThat(access.mayManageSettings()).isTrue();
        assertThat(access.mayManageMembers()).isTrue();
        for (GroupPermission permission : GroupPermission.values()) {
            assertThat(access.has(permission)).as(permission.name()).isTrue();
        }
        for (GroupRole role : GroupRole.values()) {
            assertThat(access.mayGrant(role)).as("grant " + role).isTrue();
            assertThat(access.mayManage(Fixtures.member(group, "other-" + role, role))).as("manage " + role).isTrue();
        }
    }

    private static void assertSeesNothing(GroupAccess access) {
        assertThat(access.mayView()).isFalse();
        assertThat(access.mayJoin()).isFalse();
        for (GroupPermission permission : GroupPermission.values()) {
            assertThat(access.has(permission)).as(permission.name()).isFalse();
        }
        for (GroupRole role : GroupRole.values()) {
            assertThat(access.mayGrant(role)).as("grant " + role).isFalse();
        }
    }

    @Nested
    class Administrators {
        private final Group privateGroup = Fixtures.orgGroup(ORG, Visibility.PRIVATE);

        @Test
        void platform_admin_may_do_everything_without_any_org_role() {
            GroupAccess access = access(Fixtures.platformAdmin("root"), privateGroup, null, null);
            assertThat(access.isAdministrator()).isTrue();
            assertMayDoEverything(access, privateGroup);
        }

        @ParameterizedTest
        @EnumSource(value = OrgRole.class, names = {"ADMIN", "IT_ADMIN"})
        void org_admins_may_do_everything_on_their_orgs_groups(OrgRole role) {
            GroupAccess access = access(ANA, privateGroup, role, null);
            assertThat(access.isAdministrator()).isTrue();
            assertMayDoEverything(access, privateGroup);
        }

        @Test
        void plain_org_member_is_no_administrator() {
            assertThat(access(ANA, privateGroup, OrgRole.MEMBER, null).isAdministrator()).isFalse();
        }

        @Test
        void org_admins_see_dynamic_private_groups() {
            Group dynamic = Fixtures.orgGroup(ORG, Visibility.PRIVATE, GroupKind.DYNAMIC, null);
            assertThat(access(ANA, dynamic, OrgRole.ADMIN, null).mayView()).isTrue();
            assertThat(access(ANA, dynamic, OrgRole.IT_ADMIN, null).mayView()).isTrue();
        }
    }

    @Nested
    class Owners {
        @Test
        void the_owner_of_an_org_group_may_do_everything_without_being_a_member() {
            Group group = Fixtures.orgGroup(ORG, Visibility.PRIVATE);
            Actor owner = new Actor(group.ownerId(), "Owner", null, Set.of());
            assertMayDoEverything(access(owner, group, OrgRole.MEMBER, null), group);
        }

        @Test
        void the_owner_of_a_standalone_group_may_do_everything() {
            Group group = Fixtures.standalone(Visibility.PRIVATE);
            Actor owner = new Actor(group.ownerId(), "Owner", null, Set.of());
            assertMayDoEverything(access(owner, group, null, null), group);
        }

        @Test
        void an_owner_member_may_do_everything() {
            Group group = Fixtures.orgGroup(ORG, Visibility.PRIVATE);
            assertMayDoEverything(access(ANA, group, OrgRole.MEMBER, Fixtures.member(group, "ana", GroupRole.OWNER)),
                    group);
        }

        @Test
        void the_owner_of_an_org_group_who_is_no_longer_in_the_org_sees_nothing() {
            Group group = Fixtures.orgGroup(ORG, Visibility.PUBLIC);
            Actor formerOwner = new Actor(group.ownerId(), "Owner", null, Set.of());
            assertSeesNothing(access(formerOwner, group, null, null));
        }
    }

    @Nested
    class Granting {
        private final Group group = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);

        @Test
        void group_admins_grant_up_to_admin_but_never_owner() {
            GroupAccess admin = access(ANA, group, OrgRole.MEMBER, Fixtures.member(group, "ana", GroupRole.ADMIN));
            assertThat(admin.mayGrant(GroupRole.OWNER)).isFalse();
            assertThat(admin.mayGrant(GroupRole.ADMIN)).isTrue();
            assertThat(admin.mayGrant(GroupRole.MODERATOR)).isTrue();
            assertThat(admin.mayGrant(GroupRole.MEMBER)).isTrue();
            assertThat(admin.mayManageSettings()).isTrue();
            assertThat(admin.mayDelete()).isFalse();
        }

        @Test
        void moderators_grant_only_the_plain_member_role() {
            GroupAccess moderator = access(ANA, group, OrgRole.MEMBER,
                    Fixtures.member(group, "ana", GroupRole.MODERATOR));
            assertThat(moderator.mayGrant(GroupRole.OWNER)).isFalse();
            assertThat(moderator.mayGrant(GroupRole.ADMIN)).isFalse();
            assertThat(moderator.mayGrant(GroupRole.MODERATOR)).isFalse();
            assertThat(moderator.mayGrant(GroupRole.MEMBER)).isTrue();
            assertThat(moderator.mayManageMembers()).isTrue();
            assertThat(moderator.mayManageSettings()).isFalse();
            assertThat(moderator.mayDelete()).isFalse();
        }

        @Test
        void plain_members_grant_nothing_by_default() {
            GroupAccess member = access(ANA, group, OrgRole.MEMBER, Fixtures.member(group, "ana", GroupRole.MEMBER));
            for (GroupRole role : GroupRole.values()) {
                assertThat(member.mayGrant(role)).as(role.name()).isFalse();
            }
        }

        @Test
        void allow_member_invites_lets_active_plain_members_grant_only_member() {
            Group open = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION, GroupKind.STATIC, INVITES);
            GroupAccess member = access(ANA, open, OrgRole.MEMBER, Fixtures.member(open, "ana", GroupRole.MEMBER));

            assertThat(member.mayGrant(GroupRole.MEMBER)).isTrue();
            assertThat(member.mayGrant(GroupRole.MODERATOR)).isFalse();
            assertThat(member.mayGrant(GroupRole.ADMIN)).isFalse();
            assertThat(member.mayGrant(GroupRole.OWNER)).isFalse();
            assertThat(member.mayManage(Fixtures.member(open, "bo", GroupRole.MEMBER))).isFalse();
        }

        @ParameterizedTest
        @EnumSource(value = MembershipStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
        void allow_member_invites_does_not_help_inactive_members(MembershipStatus status) {
            Group open = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION, GroupKind.STATIC, INVITES);
            GroupAccess member = access(ANA, open, OrgRole.MEMBER,
                    Fixtures.member(open, "ana", GroupRole.MEMBER, status));
            assertThat(member.mayGrant(GroupRole.MEMBER)).isFalse();
        }

        @Test
        void allow_member_invites_does_not_help_org_members_outside_the_group() {
            Group open = Fixtures.orgGroup(ORG, Visibility.PUBLIC, GroupKind.STATIC, INVITES);
            assertThat(access(ANA, open, OrgRole.MEMBER, null).mayGrant(GroupRole.MEMBER)).isFalse();
        }

        @Test
        void a_membership_past_its_validity_grants_nothing() {
            Membership expired = Membership.start(group, UserId.of("ana"),
                    new Membership.Terms(GroupRole.ADMIN, MembershipStatus.ACTIVE, null, NOW, Set.of()), null,
                    NOW.minusSeconds(60));
            GroupAccess access = access(ANA, group, OrgRole.MEMBER, expired);
            assertThat(access.mayManageSettings()).isFalse();
            assertThat(access.mayGrant(GroupRole.MEMBER)).isFalse();
        }

        @Test
        void extra_permissions_add_to_the_role() {
            GroupAccess member = access(ANA, group, OrgRole.MEMBER,
                    Fixtures.withExtra(group, "ana", GroupRole.MEMBER, EnumSet.of(GroupPermission.MANAGE_SETTINGS)));
            assertThat(member.mayManageSettings()).isTrue();
            assertThat(member.mayManageMembers()).isFalse();
        }
    }

    @Nested
    class Managing {
        private final Group group = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);

        private GroupAccess as(GroupRole role) {
            return access(ANA, group, OrgRole.MEMBER, Fixtures.member(group, "ana", role));
        }

        private Membership target(GroupRole role) {
            return Fixtures.member(group, "target", role);
        }

        @Test
        void a_moderator_never_touches_an_admin_or_owner() {
            assertThat(as(GroupRole.MODERATOR).mayManage(target(GroupRole.ADMIN))).isFalse();
            assertThat(as(GroupRole.MODERATOR).mayManage(target(GroupRole.OWNER))).isFalse();
        }

        @Test
        void a_moderator_manages_plain_members_but_not_a_fellow_moderator() {
            assertThat(as(GroupRole.MODERATOR).mayManage(target(GroupRole.MODERATOR))).isFalse();
            assertThat(as(GroupRole.MODERATOR).mayManage(target(GroupRole.MEMBER))).isTrue();
        }

        @Test
        void an_admin_manages_moderators_and_members_but_no_fellow_admin_or_owner() {
            assertThat(as(GroupRole.ADMIN).mayManage(target(GroupRole.OWNER))).isFalse();
            assertThat(as(GroupRole.ADMIN).mayManage(target(GroupRole.ADMIN))).isFalse();
            assertThat(as(GroupRole.ADMIN).mayManage(target(GroupRole.MODERATOR))).isTrue();
            assertThat(as(GroupRole.ADMIN).mayManage(target(GroupRole.MEMBER))).isTrue();
        }

        @Test
        void an_owner_manages_owners() {
            assertThat(as(GroupRole.OWNER).mayManage(target(GroupRole.OWNER))).isTrue();
        }

        @Test
        void a_plain_member_manages_nobody() {
            for (GroupRole role : GroupRole.values()) {
                assertThat(as(GroupRole.MEMBER).mayManage(target(role))).as(role.name()).isFalse();
            }
        }
    }

    @Nested
    class Seeing {
        @Test
        void members_of_another_org_see_nothing_of_an_org_group() {
            for (Visibility visibility : Visibility.values()) {
                Group group = Fixtures.orgGroup(ORG, visibility);
                assertSeesNothing(access(ANA, group, null, null));
            }
        }

        @Test
        void a_membership_left_behind_in_another_orgs_group_gives_nothing() {
            Group group = Fixtures.orgGroup(ORG, Visibility.PRIVATE);
            assertSeesNothing(access(ANA, group, null, Fixtures.member(group, "ana", GroupRole.OWNER)));
        }

        @Test
        void org_members_see_public_and_organization_groups_but_join_only_public_ones() {
            GroupAccess publicGroup = access(ANA, Fixtures.orgGroup(ORG, Visibility.PUBLIC), OrgRole.MEMBER, null);
            GroupAccess orgGroup = access(ANA, Fixtures.orgGroup(ORG, Visibility.ORGANIZATION), OrgRole.MEMBER, null);

            assertThat(publicGroup.mayView()).isTrue();
            assertThat(publicGroup.mayJoin()).isTrue();
            assertThat(orgGroup.mayView()).isTrue();
            assertThat(orgGroup.mayJoin()).isFalse();
            assertThat(orgGroup.mayManageMembers()).isFalse();
        }

        @Test
        void private_groups_are_invisible_to_org_members_outside_them() {
            Group group = Fixtures.orgGroup(ORG, Visibility.PRIVATE);
            assertSeesNothing(access(ANA, group, OrgRole.MEMBER, null));
        }

        @Test
        void private_groups_are_visible_to_their_members() {
            Group group = Fixtures.orgGroup(ORG, Visibility.PRIVATE);
            GroupAccess access = access(ANA, group, OrgRole.MEMBER, Fixtures.member(group, "ana", GroupRole.MEMBER));
            assertThat(access.mayView()).isTrue();
            assertThat(access.mayJoin()).isFalse();
        }

        @Test
        void a_pending_member_neither_sees_the_private_group_nor_has_rights() {
            Group group = Fixtures.orgGroup(ORG, Visibility.PRIVATE);
            GroupAccess access = access(ANA, group, OrgRole.MEMBER,
                    Fixtures.member(group, "ana", GroupRole.MODERATOR, MembershipStatus.PENDING));
            assertThat(access.mayView()).isFalse();
            assertThat(access.mayManageMembers()).isFalse();
        }

        @Test
        void public_standalone_groups_are_visible_to_and_joinable_by_everyone() {
            GroupAccess access = access(ANA, Fixtures.standalone(Visibility.PUBLIC), null, null);
            assertThat(access.mayView()).isTrue();
            assertThat(access.mayJoin()).isTrue();
            assertThat(access.mayManageSettings()).isFalse();
        }

        @Test
        void private_standalone_groups_are_visible_to_their_members_only() {
            Group group = Fixtures.standalone(Visibility.PRIVATE);
            assertSeesNothing(access(ANA, group, null, null));
            assertThat(access(ANA, group, null, Fixtures.member(group, "ana", GroupRole.MEMBER)).mayView()).isTrue();
        }

        @Test
        void dynamic_private_groups_are_visible_to_admins_only() {
            Group dynamic = Fixtures.orgGroup(ORG, Visibility.PRIVATE, GroupKind.DYNAMIC, null);
            assertSeesNothing(access(ANA, dynamic, OrgRole.MEMBER, null));
            assertThat(access(ANA, dynamic, OrgRole.ADMIN, null).mayView()).isTrue();
        }

        @Test
        void dynamic_groups_visible_to_the_org_can_be_seen_but_not_joined() {
            for (Visibility visibility : EnumSet.of(Visibility.PUBLIC, Visibility.ORGANIZATION)) {
                Group dynamic = Fixtures.orgGroup(ORG, visibility, GroupKind.DYNAMIC, null);
                GroupAccess access = access(ANA, dynamic, OrgRole.MEMBER, null);
                assertThat(access.mayView()).as(visibility.name()).isTrue();
                assertThat(access.mayJoin()).as(visibility.name()).isFalse();
            }
        }
    }
}
