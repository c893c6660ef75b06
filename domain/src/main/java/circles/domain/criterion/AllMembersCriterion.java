package circles.domain.criterion;

import java.util.Map;

/** Every active org member. */
public record AllMembersCriterion() implements Criterion {
    @Override
    public String type() {
        return AllMembersCriterionType.KEY;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    public Outcome matches(Candidate member, EvaluationContext context) {
        return Outcome.of(true, "every active org member matches");
    }
}
