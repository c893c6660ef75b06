package circles.domain.criterion.activity;

import circles.domain.criterion.Criterion;

/** The {@code last_active_within} criterion. */
public final class LastActiveWithinCriterionType extends RecencyCriterionType {
    public static final String KEY = "last_active_within";

    public LastActiveWithinCriterionType(ActivityData data) {
        super(data);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Last active within";
    }

    @Override
    public String description() {
        return "Members active in the last N days: an activity event, or their profile's lastLoginAt, after now minus "
                + "N days. Re-checked per member when activity arrives.";
    }

    @Override
    String daysDescription() {
        return "The window in days; activity after now minus this many days counts";
    }

    @Override
    Criterion make(int days) {
        return new LastActiveWithinCriterion(days, data);
    }
}
