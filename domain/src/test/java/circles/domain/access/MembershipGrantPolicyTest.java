package circles.domain.access;

import circles.domain.Fixtures;
import circles.domain.actor.Actor;
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
import org.junit.jupiter.api.Test;

import java.util.Set;

import static circles.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class MembershipGrantPolicyTest {
    private static final OrgId ORG = OrgId.random();
    private static final Actor ANA = Fixtures.user("ana");
    private static final Group GROUP = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);
    private static final Group INVITING = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION, GroupKind.STATIC,
            new GroupSettings(true, false, false, NotificationDefaults.ON));

    private static MembershipGrantPolicy as(GroupRole role) {
        return new GroupAccess(ANA, GROUP, OrgRole.MEMBER, Fixtures.member(GROUP, "ana", role), NOW).grants();
    }

    private static Membership target(GroupRole role) {
        return Fixtures.member(GROUP, "target", role);
    }

    private static MembershipGrantPolicy.Change role(GroupRole role) {
        return new MembershipGrantPolicy.Change(role, null, false, null);
    }

    private static MembershipGrantPolicy.Change permissions(GroupPermission... permissions) {
        return new MembershipGrantPolicy.Change(null, null, false, Set.of(permissions));
    }

    @Test
    void taking_every_extra_permission_away_hands_out_nothing_and_is_allowed_to_an_admin() {
        Membership withExtras = Fixtures.member(GROUP, "target", GroupRole.MEMBER);
        withExtras.changePermissions(Set.of(GroupPermission.SEND_NOTIFICATIONS));

        Decision cleared = as(GroupRole.ADMIN).mayChange(withExtras, permissions());

        assertThat(cleared.isAllowed()).isTrue();
    }

    @Test
    void a_moderator_adds_plain_members_but_hands_out_no_extra_permission() {
        assertThat(as(GroupRole.MODERATOR).mayAdd(GroupRole.MEMBER, Set.of()).isAllowed()).isTrue();
        Decision extra = as(GroupRole.MODERATOR).mayAdd(GroupRole.MEMBER, Set.of(GroupPermission.MANAGE_SETTINGS));
        assertThat(extra.outcome()).isEqualTo(Decision.Outcome.BEYOND_REACH);
        assertThat(extra.field()).isEqualTo("permissions");
        assertThat(as(GroupRole.MODERATOR).mayAdd(GroupRole.MODERATOR, Set.of()).field()).isEqualTo("role");
    }

    @Test
    void a_moderator_cannot_give_himself_an_extra_permission() {
        MembershipGrantPolicy moderator = as(GroupRole.MODERATOR);
        Decision self = moderator.mayChange(Fixtures.member(GROUP, "ana", GroupRole.MODERATOR),
                permissions(GroupPermission.MANAGE_SETTINGS));
        assertThat(self.outcome()).isEqualTo(Decision.Outcome.FORBIDDEN);
    }

    @Test
    void an_admin_hands_out_only_permissions_he_holds_and_roles_up_to_admin() {
        MembershipGrantPolicy admin = as(GroupRole.ADMIN);
        assertThat(admin.mayAdd(GroupRole.ADMIN, Set.of(GroupPermission.MANAGE_SETTINGS)).isAllowed()).isTrue();
        assertThat(admin.mayAdd(GroupRole.MEMBER, Set.of(GroupPermission.DELETE)).field()).isEqualTo("permissions");
        assertThat(admin.mayAdd(GroupRole.OWNER, Set.of()).field()).isEqualTo("role");
        assertThat(admin.mayChange(target(GroupRole.MEMBER), role(GroupRole.ADMIN)).isAllowed()).isTrue();
    }

    @Test
    void peers_do_not_demote_or_remove_each_other() {
        assertThat(as(GroupRole.ADMIN).mayRemove(target(GroupRole.ADMIN)).outcome())
                .isEqualTo(Decision.Outcome.FORBIDDEN);
        assertThat(as(GroupRole.ADMIN).mayChange(target(GroupRole.ADMIN), role(GroupRole.MEMBER)).outcome())
                .isEqualTo(Decision.Outcome.FORBIDDEN);
        assertThat(as(GroupRole.MODERATOR).mayRemove(target(GroupRole.MODERATOR)).outcome())
                .isEqualTo(Decision.Outcome.FORBIDDEN);
        assertThat(as(GroupRole.OWNER).mayRemove(target(GroupRole.ADMIN)).isAllowed()).isTrue();
        GroupAccess orgAdmin = new GroupAccess(ANA, GROUP, OrgRole.IT_ADMIN, null, NOW);
        assertThat(orgAdmin.grants().mayRemove(target(GroupRole.OWNER)).isAllowed()).isTrue();
    }

    @Test
    void a_moderator_touches_no_member_who_holds_extra_permissions() {
        Membership special = Fixtures.withExtra(GROUP, "target", GroupRole.MEMBER,
                Set.of(GroupPermission.SEND_NOTIFICATIONS));
        assertThat(as(GroupRole.MODERATOR).mayRemove(special).isAllowed()).isFalse();
    }

    @Test
    void nobody_but_owners_and_org_admins_changes_their_own_terms() {
        for (GroupRole role : new GroupRole[] {GroupRole.ADMIN, GroupRole.MODERATOR, GroupRole.MEMBER}) {
            Membership own = Fixtures.member(GROUP, "ana", role);
            MembershipGrantPolicy policy = as(role);
            assertThat(policy.mayChange(own, new MembershipGrantPolicy.Change(null, null, true, null)).outcome())
                    .as(role + " changes own validity").isEqualTo(Decision.Outcome.FORBIDDEN);
            assertThat(policy.mayChange(own, new MembershipGrantPolicy.Change(null, MembershipStatus.ACTIVE, false,
                    null)).outcome()).as(role + " changes own status").isEqualTo(Decision.Outcome.FORBIDDEN);
            assertThat(policy.mayRemove(own).isAllowed()).as(role + " leaves").isTrue();
            assertThat(policy.mayChange(own, new MembershipGrantPolicy.Change(null, null, false, null)).isAllowed())
                    .as(role + " changes own notification settings").isTrue();
        }
        assertThat(as(GroupRole.OWNER).mayChange(Fixtures.member(GROUP, "ana", GroupRole.OWNER),
                role(GroupRole.MEMBER)).isAllowed()).as("an owner steps down").isTrue();
        GroupAccess orgAdmin = new GroupAccess(ANA, GROUP, OrgRole.ADMIN, Fixtures.member(GROUP, "ana",
                GroupRole.MEMBER), NOW);
        assertThat(orgAdmin.grants().mayChange(Fixtures.member(GROUP, "ana", GroupRole.MEMBER),
                role(GroupRole.OWNER)).isAllowed()).isTrue();
    }

    @Test
    void an_invitee_adds_plain_members_only() {
        GroupAccess member = new GroupAccess(ANA, INVITING, OrgRole.MEMBER,
                Fixtures.member(INVITING, "ana", GroupRole.MEMBER), NOW);
        assertThat(member.grants().mayAdd(GroupRole.MEMBER, Set.of()).isAllowed()).isTrue();
        assertThat(member.grants().mayAdd(GroupRole.MEMBER, Set.of(GroupPermission.MANAGE_SETTINGS)).field())
                .isEqualTo("permissions");
        assertThat(member.grants().mayRemove(Fixtures.member(INVITING, "target", GroupRole.MEMBER)).isAllowed())
                .isFalse();
    }

    @Test
    void a_suspended_moderator_grants_nothing() {
        GroupAccess suspended = new GroupAccess(ANA, GROUP, OrgRole.MEMBER,
                Fixtures.member(GROUP, "ana", GroupRole.MODERATOR, MembershipStatus.SUSPENDED), NOW);
        assertThat(suspended.grants().mayAddMembers().outcome()).isEqualTo(Decision.Outcome.FORBIDDEN);
        assertThat(suspended.grants().mayRemove(target(GroupRole.MEMBER)).isAllowed()).isFalse();
    }
}
