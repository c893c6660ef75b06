package circles.domain.criterion.activity;

import java.time.Instant;
import java.util.Optional;

/**
 * Members without activity for {@code days} days or more: their latest event or login is at or before
 * {@code now − days}, or they were never active. Exactly the members {@code last_active_within} with the same days
 * leaves out.
 */
public final class InactiveForCriterion extends RecencyCriterion {

    public InactiveForCriterion(int days, ActivityData data) {
        super(days, data);
    }

    @Override
    public String type() {
        return InactiveForCriterionType.KEY;
    }

    @Override
    boolean judge(Optional<Instant> last, Instant start) {
        return last.map(at -> !at.isAfter(start)).orElse(true);
    }

    @Override
    String explain(boolean matched, Instant start) {
        return (matched ? ", inactive" : ", not inactive") + " for " + days() + " days (no activity after " + start
                + ")";
    }
}
