package circles.domain.group;

/** Rights inside one group. Roles bundle them; a membership may carry extra ones. */
public enum GroupPermission {
    VIEW, LEAVE, MANAGE_MEMBERS, MANAGE_SETTINGS, SEND_NOTIFICATIONS, DELETE
}
