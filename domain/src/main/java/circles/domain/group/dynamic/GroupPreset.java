package circles.domain.group.dynamic;

import circles.domain.activity.ActivityMetric;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The five default dynamic groups every org gets (docs/design.md, Default groups): what each is called when seeded,
 * what it means and the rule it starts with. A seeded group keeps its preset for life, whatever it is renamed to or
 * however its rule is edited, so the preset (not the name) says which default group it is: a UI styles these groups
 * by it, and re-seeding recognises them by it.
 */
public enum GroupPreset {
    RECENT_LOGINS("Recent Logins", "Members active in the last 30 days.",
            Map.of("criterion", "last_active_within", "days", GroupPreset.WINDOW_DAYS)),
    NO_LOGINS("No Logins", "Members without any activity for 30 days or more, including those never active.",
            Map.of("criterion", "inactive_for", "days", GroupPreset.WINDOW_DAYS)),
    MOST_ACTIVE("Most Active", "Members whose activity score (logins, lessons, streak days, collection items) over"
            + " the last 30 days is at least 50 of 100.", score(ActivityMetric.MOST_ACTIVE)),
    TOP_LEARNERS("Top Learners", "Members whose learning score (lessons, credits) over the last 30 days is at least"
            + " 50 of 100.", score(ActivityMetric.TOP_LEARNERS)),
    MOST_TALKATIVE("Most Talkative", "Members whose conversation score (conversations started, messages sent) over"
            + " the last 30 days is at least 50 of 100.", score(ActivityMetric.MOST_TALKATIVE));

    /** Every wire name, in declaration order. */
    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(GroupPreset::wireName).toList();
    /** Default groups are refreshed hourly: scores are relative and recency moves with time. */
    public static final int REFRESH_INTERVAL_MINUTES = 60;

    private static final int WINDOW_DAYS = 30;
    private static final int THRESHOLD = 50;

    private final String title;
    private final String about;
    private final Map<String, Object> rule;

    GroupPreset(String title, String about, Map<String, Object> rule) {
        this.title = title;
        this.about = about;
        this.rule = rule;
    }

    private static Map<String, Object> score(ActivityMetric metric) {
        return Map.of("criterion", "activity_score", "metric", metric.wireName(), "threshold", THRESHOLD,
                "windowDays", WINDOW_DAYS);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name a seeded group gets. */
    public String title() {
        return title;
    }

    /** The description a seeded group gets. */
    public String about() {
        return about;
    }

    /** The rule a seeded group starts with, as a rule document in canonical tree form. */
    public Map<String, Object> rule() {
        return rule;
    }

    public static Optional<GroupPreset> ofWireName(String name) {
        return Arrays.stream(values()).filter(preset -> preset.wireName().equals(name)).findFirst();
    }
}
