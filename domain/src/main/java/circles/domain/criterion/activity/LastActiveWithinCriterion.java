package circles.domain.criterion.activity;

import java.time.Instant;
import java.util.Optional;

/** Members active in the last {@code days} days: their latest event or login lies after {@code now − days}. */
public final class LastActiveWithinCriterion extends RecencyCriterion {

    public LastActiveWithinCriterion(int days, ActivityData data) {
        super(days, data);
    }

    @Override
    public String type() {
        return LastActiveWithinCriterionType.KEY;
    }

    @Override
    boolean judge(Optional<Instant> last, Instant start) {
        return last.map(at -> at.isAfter(start)).orElse(false);
    }

    @Override
    String explain(boolean matched, Instant start) {
        return (matched ? ", within" : ", not within") + " the last " + days() + " days (after " + start + ")";
    }
}
