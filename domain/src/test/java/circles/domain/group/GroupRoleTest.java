package circles.domain.group;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static circles.domain.group.GroupPermission.DELETE;
import static circles.domain.group.GroupPermission.LEAVE;
import static circles.domain.group.GroupPermission.MANAGE_MEMBERS;
import static circles.domain.group.GroupPermission.MANAGE_SETTINGS;
import static circles.domain.group.GroupPermission.SEND_NOTIFICATIONS;
import static circles.domain.group.GroupPermission.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The permission sets of the flexible group design: owner {@code *}; admin manage_members, manage_settings,
 * send_notifications; moderator manage_members, send_notifications; member view, leave. Every role is also a
 * member, so the higher roles keep view and leave.
 */
class GroupRoleTest {

    @Test
    void owner_has_every_permission() {
        assertThat(GroupRole.OWNER.permissions()).containsExactlyInAnyOrderElementsOf(
                EnumSet.allOf(GroupPermission.class));
    }

    @Test
    void admin_manages_members_and_settings_and_sends_notifications_but_cannot_delete() {
        assertThat(GroupRole.ADMIN.permissions()).containsExactlyInAnyOrder(
                MANAGE_MEMBERS, MANAGE_SETTINGS, SEND_NOTIFICATIONS, VIEW, LEAVE);
        assertThat(GroupRole.ADMIN.permissions()).doesNotContain(DELETE);
    }

    @Test
    void moderator_manages_members_and_sends_notifications_only() {
        assertThat(GroupRole.MODERATOR.permissions()).containsExactlyInAnyOrder(
                MANAGE_MEMBERS, SEND_NOTIFICATIONS, VIEW, LEAVE);
        assertThat(GroupRole.MODERATOR.permissions()).doesNotContain(MANAGE_SETTINGS, DELETE);
    }

    @Test
    void member_views_and_leaves() {
        assertThat(GroupRole.MEMBER.permissions()).containsExactlyInAnyOrder(VIEW, LEAVE);
    }

    @Test
    void roles_are_ranked_from_owner_to_member() {
        assertThat(GroupRole.OWNER.outranks(GroupRole.ADMIN)).isTrue();
        assertThat(GroupRole.ADMIN.outranks(GroupRole.MODERATOR)).isTrue();
        assertThat(GroupRole.MODERATOR.outranks(GroupRole.MEMBER)).isTrue();
        assertThat(GroupRole.MEMBER.outranks(GroupRole.MEMBER)).isFalse();
        assertThat(GroupRole.MODERATOR.atLeast(GroupRole.MODERATOR)).isTrue();
        assertThat(GroupRole.MODERATOR.atLeast(GroupRole.ADMIN)).isFalse();
        assertThat(GroupRole.MEMBER.atLeast(GroupRole.OWNER)).isFalse();
    }

    @Test
    void permission_sets_cannot_be_changed() {
        assertThatThrownBy(() -> GroupRole.MEMBER.permissions().add(DELETE))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
