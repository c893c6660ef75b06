package circles.domain.group;

import circles.domain.shared.Require;

import java.util.List;

public record NotificationDefaults(boolean enabled, List<String> types) {
    public static final NotificationDefaults ON = new NotificationDefaults(true, List.of());

    public NotificationDefaults {
        types = types == null ? List.of() : List.copyOf(Require.atMost(types, 50, "settings.notificationDefaults.types"));
    }
}
