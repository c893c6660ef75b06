package circles.domain.criterion;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Members active in the last {@code days} days: their latest event or login lies after {@code now − days}.
 * Absolute: the answer depends on the member's own activity only.
 */
public final class LastActiveWithinCriterion implements Criterion {
    private final int days;
    private final ActivityData data;

    public LastActiveWithinCriterion(int days, ActivityData data) {
        this.days = RecencyCriterionType.requireDays(days);
        this.data = Objects.requireNonNull(data, "data");
    }

    public int days() {
        return days;
    }

    @Override
    public String type() {
        return LastActiveWithinCriterionType.KEY;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("days", days);
    }

    @Override
    public Outcome matches(Candidate member, EvaluationContext context) {
        Instant start = Recency.windowStart(context.now(), days);
        Optional<Instant> last = Recency.lastActive(member, context, data);
        boolean matched = last.map(at -> at.isAfter(start)).orElse(false);
        return Outcome.of(matched, Recency.describe(last) + (matched ? ", within" : ", not within")
                + " the last " + days + " days (after " + start + ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LastActiveWithinCriterion that && that.days == days;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), days);
    }

    @Override
    public String toString() {
        return type() + config();
    }
}
