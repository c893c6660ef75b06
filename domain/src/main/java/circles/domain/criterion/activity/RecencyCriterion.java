package circles.domain.criterion.activity;

import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the two recency criteria share: a number of days, the member's latest activity (event or login) and the
 * window start {@code now − days}. Each kind says only how it judges the latest activity against the start.
 * Absolute: the answer depends on the member's own activity only.
 */
abstract sealed class RecencyCriterion implements Criterion permits LastActiveWithinCriterion, InactiveForCriterion {
    private final int days;
    private final ActivityData data;

    RecencyCriterion(int days, ActivityData data) {
        this.days = RecencyCriterionType.requireDays(days);
        this.data = Objects.requireNonNull(data, "data");
    }

    public final int days() {
        return days;
    }

    @Override
    public final Map<String, Object> config() {
        return Map.of("days", days);
    }

    @Override
    public final Outcome matches(Candidate member, EvaluationContext context) {
        Instant start = Recency.windowStart(context.now(), days);
        Optional<Instant> last = Recency.lastActive(member, context, data);
        boolean matched = judge(last, start);
        return Outcome.of(matched, Recency.describe(last) + explain(matched, start));
    }

    /** Whether a member whose latest activity is {@code last} (empty: never active) matches. */
    abstract boolean judge(Optional<Instant> last, Instant start);

    /** The rest of the explanation after the latest activity, e.g. ", within the last 30 days (after …)". */
    abstract String explain(boolean matched, Instant start);

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((RecencyCriterion) other).days == days;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(type(), days);
    }

    @Override
    public final String toString() {
        return type() + config();
    }
}
