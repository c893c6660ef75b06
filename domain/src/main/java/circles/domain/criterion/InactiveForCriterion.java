package circles.domain.criterion;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Members without activity for {@code days} days or more: their latest event or login is at or before
 * {@code now − days}, or they were never active. Exactly the members {@code last_active_within} with the same days
 * leaves out. Absolute.
 */
public final class InactiveForCriterion implements Criterion {
    private final int days;
    private final ActivityData data;

    public InactiveForCriterion(int days, ActivityData data) {
        this.days = RecencyCriterionType.requireDays(days);
        this.data = Objects.requireNonNull(data, "data");
    }

    public int days() {
        return days;
    }

    @Override
    public String type() {
        return InactiveForCriterionType.KEY;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("days", days);
    }

    @Override
    public Outcome matches(Candidate member, EvaluationContext context) {
        Instant start = Recency.windowStart(context.now(), days);
        Optional<Instant> last = Recency.lastActive(member, context, data);
        boolean matched = last.map(at -> !at.isAfter(start)).orElse(true);
        return Outcome.of(matched, Recency.describe(last) + (matched ? ", inactive" : ", not inactive")
                + " for " + days + " days (no activity after " + start + ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InactiveForCriterion that && that.days == days;
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
