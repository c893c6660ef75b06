package circles.domain.group;

import circles.domain.shared.Require;

import java.util.List;

/** A member's own notification choice for one group; unset parts follow the group's defaults. */
public record NotificationOverride(Boolean enabled, List<String> types) {
    public NotificationOverride {
        types = types == null ? null : List.copyOf(Require.atMost(types, 50, "notificationOverride.types"));
    }
}
