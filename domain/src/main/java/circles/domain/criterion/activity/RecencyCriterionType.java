package circles.domain.criterion.activity;

import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionType;

import java.util.Map;
import java.util.Objects;

/** What the two recency criteria share: a number of days and the activity they read. */
abstract sealed class RecencyCriterionType implements CriterionType
        permits LastActiveWithinCriterionType, InactiveForCriterionType {
    /** The longest window: activity rollups are kept longer than this (circles.activity.rollup-retention-days). */
    static final int MAX_DAYS = 365;
    static final int DEFAULT_DAYS = 30;

    final ActivityData data;

    RecencyCriterionType(ActivityData data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    static int requireDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS);
        }
        return days;
    }

    @Override
    public String configSchema() {
        return """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "%s",
                  "type": "object",
                  "properties": {
                    "days": { "type": "integer", "minimum": 1, "maximum": %d, "default": %d,
                              "description": "%s" }
                  },
                  "additionalProperties": false
                }
                """.formatted(key(), MAX_DAYS, DEFAULT_DAYS, daysDescription());
    }

    abstract String daysDescription();

    abstract Criterion make(int days);

    @Override
    public Criterion parse(Map<String, Object> config) {
        ConfigReader reader = new ConfigReader(config);
        Integer days = reader.integer("days", 1, MAX_DAYS, DEFAULT_DAYS);
        reader.finish();
        return make(days);
    }
}
