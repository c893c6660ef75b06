package circles.domain.criterion.reporting;

import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionType;

import java.util.Map;

/** The {@code reports_to} criterion. */
public final class ReportsToCriterionType implements CriterionType {
    public static final String KEY = "reports_to";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Reports to";
    }

    @Override
    public String description() {
        return "Direct reports of a manager (user id or email), or with includeNested everyone below them at any "
                + "depth.";
    }

    @Override
    public String configSchema() {
        return """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "reports_to",
                  "type": "object",
                  "properties": {
                    "managerId": { "type": "string", "minLength": 1, "maxLength": 320,
                                   "description": "The manager's user id or email" },
                    "includeNested": { "type": "boolean", "default": false,
                                       "description": "Whether reports of reports (any depth) count" }
                  },
                  "required": ["managerId"],
                  "additionalProperties": false
                }
                """;
    }

    @Override
    public Criterion parse(Map<String, Object> config) {
        ConfigReader reader = new ConfigReader(config);
        String managerId = reader.text("managerId", true, 320);
        boolean includeNested = reader.bool("includeNested", false);
        reader.finish();
        return new ReportsToCriterion(managerId, includeNested);
    }
}
