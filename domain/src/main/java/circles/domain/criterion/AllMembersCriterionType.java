package circles.domain.criterion;

import java.util.Map;

/** The {@code all_members} criterion. */
public final class AllMembersCriterionType implements CriterionType {
    public static final String KEY = "all_members";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "All members";
    }

    @Override
    public String description() {
        return "Every active member of the org.";
    }

    @Override
    public String configSchema() {
        return """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "all_members",
                  "type": "object",
                  "properties": {},
                  "additionalProperties": false
                }
                """;
    }

    @Override
    public Criterion parse(Map<String, Object> config) {
        new ConfigReader(config).finish();
        return new AllMembersCriterion();
    }
}
