package circles.domain.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * Roles of a group member, from most to least powerful, with the permission sets of the flexible group
 * design: owner everything; admin manage_members, manage_settings, send_notifications; moderator
 * manage_members, send_notifications; member view, leave.
 */
public enum GroupRole {
    OWNER(EnumSet.allOf(GroupPermission.class)),
    ADMIN(EnumSet.of(GroupPermission.VIEW, GroupPermission.LEAVE, GroupPermission.MANAGE_MEMBERS,
            GroupPermission.MANAGE_SETTINGS, GroupPermission.SEND_NOTIFICATIONS)),
    MODERATOR(EnumSet.of(GroupPermission.VIEW, GroupPermission.LEAVE, GroupPermission.MANAGE_MEMBERS,
            GroupPermission.SEND_NOTIFICATIONS)),
    MEMBER(EnumSet.of(GroupPermission.VIEW, GroupPermission.LEAVE));

    private final Set<GroupPermission> permissions;

    GroupRole(Set<GroupPermission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<GroupPermission> permissions() {
        return permissions;
    }

    public boolean outranks(GroupRole other) {
        return ordinal() < other.ordinal();
    }

    public boolean atLeast(GroupRole other) {
        return ordinal() <= other.ordinal();
    }
}
