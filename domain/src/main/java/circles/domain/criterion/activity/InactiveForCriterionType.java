package circles.domain.criterion.activity;

import circles.domain.criterion.Criterion;

/** The {@code inactive_for} criterion. */
public final class InactiveForCriterionType extends RecencyCriterionType {
    public static final String KEY = "inactive_for";

    public InactiveForCriterionType(ActivityData data) {
        super(data);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Inactive for";
    }

    @Override
    public String description() {
        return "Members with no activity for N days or more (never active counts): no activity event and no "
                + "lastLoginAt after now minus N days. The complement of last_active_within with the same days.";
    }

    @Override
    String daysDescription() {
        return "Days without activity; a member whose latest activity is at or before now minus this many days "
                + "matches";
    }

    @Override
    Criterion make(int days) {
        return new InactiveForCriterion(days, data);
    }
}
