package circles.domain.activity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The activity scores (docs/design.md, Activity groups): each metric is the mean of its components, one per event type,
 * each component the sum of that type's quantities in the window normalized against the org's largest.
 */
public enum ActivityMetric {
    MOST_ACTIVE(ActivityType.LOGIN, ActivityType.LESSON_PROGRESS, ActivityType.STREAK_DAY,
            ActivityType.COLLECTION_ITEM_ADDED),
    TOP_LEARNERS(ActivityType.LESSON_PROGRESS, ActivityType.CREDIT_EARNED),
    MOST_TALKATIVE(ActivityType.CONVERSATION_STARTED, ActivityType.MESSAGE_SENT);

    /** Every wire name, in declaration order. */
    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(ActivityMetric::wireName).toList();

    private final List<ActivityType> components;

    ActivityMetric(ActivityType... components) {
        this.components = List.of(components);
    }

    /** The event types whose quantities make the score, in the order explanations list them. */
    public List<ActivityType> components() {
        return components;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ActivityMetric> ofWireName(String name) {
        return Arrays.stream(values()).filter(metric -> metric.wireName().equals(name)).findFirst();
    }
}
