package circles.domain.group;

public record GroupSettings(boolean allowMemberInvites, boolean requireApproval, boolean autoAddNewOrgMembers,
                            NotificationDefaults notificationDefaults) {
    public static final GroupSettings DEFAULTS = new GroupSettings(false, false, false, NotificationDefaults.ON);

    public GroupSettings {
        notificationDefaults = notificationDefaults == null ? NotificationDefaults.ON : notificationDefaults;
    }
}
