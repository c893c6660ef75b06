package circles.domain.activity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of activity events, by their wire names ({@code lesson_progress}). */
public enum ActivityType {
    LOGIN,
    LESSON_PROGRESS,
    CREDIT_EARNED,
    CONVERSATION_STARTED,
    MESSAGE_SENT,
    STREAK_DAY,
    COLLECTION_ITEM_ADDED;

    /** Every wire name, in declaration order. */
    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(ActivityType::wireName).toList();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this wire name (exact, lower case), if any. */
    public static Optional<ActivityType> ofWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName().equals(name)).findFirst();
    }
}
