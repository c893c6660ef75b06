package circles.domain.criterion.activity;

import circles.domain.activity.ActivityMetric;
import circles.domain.activity.ActivityType;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Members whose {@link ActivityScore} for {@code metric} over the last {@code windowDays} days is at least
 * {@code threshold}. Relative: a member's score depends on the org's maxima, so groups using it are refreshed on
 * their schedule rather than per member. The maxima are read once per evaluation.
 */
public final class ActivityScoreCriterion implements Criterion {
    private final ActivityMetric metric;
    private final BigDecimal threshold;
    private final int windowDays;
    private final ActivityData data;

    /** What one evaluation reads once: the org's maxima and, per member, their sums. */
    private record Window(Map<ActivityType, Long> maxima, PerMember<Map<ActivityType, Long>> totals) {
    }

    private record WindowKey(ActivityData data, ActivityMetric metric, int windowDays) {
    }

    public ActivityScoreCriterion(ActivityMetric metric, BigDecimal threshold, int windowDays, ActivityData data) {
        this.metric = Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.signum() < 0 || threshold.compareTo(ActivityScoreCriterionType.MAX_THRESHOLD) > 0) {
            throw new IllegalArgumentException("threshold must be between 0 and 100");
        }
        this.threshold = threshold.signum() == 0 ? BigDecimal.ZERO : threshold.stripTrailingZeros();
        this.windowDays = RecencyCriterionType.requireDays(windowDays);
        this.data = Objects.requireNonNull(data, "data");
    }

    public ActivityMetric metric() {
        return metric;
    }

    public BigDecimal threshold() {
        return threshold;
    }

    public int windowDays() {
        return windowDays;
    }

    /** Events after this moment count ({@code occurredAt > now − windowDays}). */
    public Instant windowStart(Instant now) {
        return Recency.windowStart(now, windowDays);
    }

    @Override
    public String type() {
        return ActivityScoreCriterionType.KEY;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("metric", metric.wireName());
        config.put("threshold", threshold.scale() <= 0 ? (Object) threshold.intValueExact() : threshold);
        config.put("windowDays", windowDays);
        return config;
    }

    @Override
    public boolean absolute() {
        return false;
    }

    @Override
    public Outcome matches(Candidate member, EvaluationContext context) {
        ActivityScore score = score(member, context);
        return Outcome.of(score.reaches(threshold), "over the " + windowDays + " days after "
                + windowStart(context.now()) + ", " + score.describe(threshold));
    }

    /** The member's score with its components, against the org's maxima. */
    public ActivityScore score(Candidate member, EvaluationContext context) {
        Window window = context.memo(new WindowKey(data, metric, windowDays), () -> {
            Instant after = windowStart(context.now());
            Set<ActivityType> types = new LinkedHashSet<>(metric.components());
            return new Window(Map.copyOf(data.maxima(context.orgId(), types, after)), new PerMember<>(
                    userId -> data.totals(context.orgId(), userId, types, after),
                    () -> data.totals(context.orgId(), types, after), Map.of()));
        });
        return ActivityScore.of(metric, window.totals().of(member.userId()), window.maxima());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivityScoreCriterion that && that.metric == metric
                && that.threshold.compareTo(threshold) == 0 && that.windowDays == windowDays;
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, threshold, windowDays);
    }

    @Override
    public String toString() {
        return type() + config();
    }
}
