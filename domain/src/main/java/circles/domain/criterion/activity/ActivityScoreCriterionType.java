package circles.domain.criterion.activity;

import circles.domain.activity.ActivityMetric;
import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionType;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/** The {@code activity_score} criterion. */
public final class ActivityScoreCriterionType implements CriterionType {
    public static final String KEY = "activity_score";
    static final BigDecimal MAX_THRESHOLD = BigDecimal.valueOf(100);
    static final BigDecimal DEFAULT_THRESHOLD = BigDecimal.valueOf(50);

    private final ActivityData data;

    public ActivityScoreCriterionType(ActivityData data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Activity score";
    }

    @Override
    public String description() {
        return "Members whose 0-100 score for a metric over the last windowDays days reaches the threshold. Each "
                + "component (the sum of one event type's quantities) is normalized as 100 x value / the largest value "
                + "among the org's active members (0 when that is 0); the score is the mean of the components. "
                + "most_active: login, lesson_progress, streak_day, collection_item_added; top_learners: "
                + "lesson_progress, credit_earned; most_talkative: conversation_started, message_sent. Refreshed on "
                + "the group's schedule, since a score depends on everyone's activity.";
    }

    @Override
    public String configSchema() {
        return """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "activity_score",
                  "type": "object",
                  "properties": {
                    "metric": { "type": "string", "enum": ["most_active", "top_learners", "most_talkative"],
                                "description": "Which score" },
                    "threshold": { "type": "number", "minimum": 0, "maximum": 100, "default": 50,
                                   "description": "Members whose score is at least this are in (inclusive)" },
                    "windowDays": { "type": "integer", "minimum": 1, "maximum": %d, "default": 30,
                                    "description": "Events after now minus this many days count" }
                  },
                  "required": ["metric"],
                  "additionalProperties": false
                }
                """.formatted(RecencyCriterionType.MAX_DAYS);
    }

    @Override
    public Criterion parse(Map<String, Object> config) {
        ConfigReader reader = new ConfigReader(config);
        String name = reader.text("metric", true, 64);
        ActivityMetric metric = null;
        if (name != null) {
            metric = ActivityMetric.ofWireName(name).orElse(null);
            if (metric == null) {
                reader.error("metric", "must be one of " + String.join(", ", ActivityMetric.WIRE_NAMES));
            }
        }
        BigDecimal threshold = reader.number("threshold", BigDecimal.ZERO, MAX_THRESHOLD, DEFAULT_THRESHOLD);
        Integer windowDays = reader.integer("windowDays", 1, RecencyCriterionType.MAX_DAYS,
                RecencyCriterionType.DEFAULT_DAYS);
        reader.finish();
        return new ActivityScoreCriterion(metric, threshold, windowDays, data);
    }
}
