package circles.bootstrap.support;

import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionType;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A relative criterion for the tests, standing in for the activity scores of DESIGN §5 until they exist: members
 * whose {@code custom.score} reaches a threshold. Its verdict is declared relative (as a score measured against
 * everyone's would be), so event-driven freshness must leave its groups to their schedule.
 */
public final class TopScorersCriterionType implements CriterionType {
    public static final String KEY = "top_scorers";

    /** The configured criterion. */
    public record TopScorers(int threshold) implements Criterion {
        @Override
        public String type() {
            return KEY;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("threshold", threshold);
            return config;
        }

        @Override
        public Outcome matches(Candidate member, EvaluationContext context) {
            String score = member.profile().customAttributes().get("score");
            boolean matched = score != null && score.matches("[0-9]{1,3}") && Integer.parseInt(score) >= threshold;
            return Outcome.of(matched, "score " + score + ", threshold " + threshold);
        }

        @Override
        public boolean absolute() {
            return false;
        }
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Top scorers (test)";
    }

    @Override
    public String description() {
        return "Members whose custom score reaches the threshold; relative, for the tests only.";
    }

    @Override
    public String configSchema() {
        return """
                {"type": "object", "required": ["threshold"], "additionalProperties": false,
                 "properties": {"threshold": {"type": "integer", "minimum": 0, "maximum": 100}}}""";
    }

    @Override
    public List<String> fields() {
        return List.of();
    }

    @Override
    public Criterion parse(Map<String, Object> config) {
        return new TopScorers(((Number) config.get("threshold")).intValue());
    }
}
