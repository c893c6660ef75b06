package circles.domain.criterion.activity;

import circles.domain.activity.ActivityMetric;
import circles.domain.activity.ActivityType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The activity score of one member: each component is {@code 100 × value / max} (0 when the org's max is 0),
 * the score the mean of the components, unrounded. Whether a score reaches a threshold is decided exactly, in whole
 * numbers ({@link Comparison}), so that a member exactly at the threshold is in, whatever the fractions, and so that
 * the SQL evaluation path can make the same decision with the same numbers.
 */
public record ActivityScore(ActivityMetric metric, List<Component> components) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public ActivityScore {
        Objects.requireNonNull(metric, "metric");
        components = List.copyOf(components);
    }

    /** One event type's sum for the member and the largest sum over the org's active members. */
    public record Component(ActivityType type, long value, long max) {
        /** {@code 100 × value / max}, or 0 when max is 0 (for display; decisions use {@link Comparison}). */
        public BigDecimal normalized() {
            return max == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(value).multiply(HUNDRED).divide(BigDecimal.valueOf(max), MathContext.DECIMAL64);
        }
    }

    /** The score from the member's sums and the org's maxima (absent types count 0). */
    public static ActivityScore of(ActivityMetric metric, Map<ActivityType, Long> values,
                                   Map<ActivityType, Long> maxima) {
        List<Component> components = new ArrayList<>();
        for (ActivityType type : metric.components()) {
            components.add(new Component(type, values.getOrDefault(type, 0L), maxima.getOrDefault(type, 0L)));
        }
        return new ActivityScore(metric, components);
    }

    /** The mean of the normalized components (for display). */
    public BigDecimal score() {
        BigDecimal sum = components.stream().map(Component::normalized).reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(components.size()), MathContext.DECIMAL64);
    }

    /** Whether the score is at least {@code threshold}, decided exactly. */
    public boolean reaches(BigDecimal threshold) {
        Comparison comparison = Comparison.of(components.stream().map(Component::max).toList(), threshold);
        return comparison.holds(components.stream().map(Component::value).toList());
    }

    /** E.g. {@code lesson_progress 5 of max 10 -> 50; credit_earned 4 of max 4 -> 100; score 75 >= threshold 50}. */
    public String describe(BigDecimal threshold) {
        String parts = components.stream().map(c -> c.type().wireName() + " " + c.value() + " of max " + c.max()
                + " -> " + plain(c.normalized())).collect(Collectors.joining("; "));
        boolean reached = reaches(threshold);
        return metric.wireName() + ": " + parts + "; score " + plain(score()) + (reached ? " >= " : " < ")
                + "threshold " + plain(threshold);
    }

    static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    /**
     * {@code mean(100 × v_i / M_i) >= t} in whole numbers: with {@code L} the product of the non-zero maxima and
     * {@code w_i = L / M_i} (0 where {@code M_i} is 0), it holds exactly when {@code Σ 100 × v_i × w_i >= k × t × L}
     * ({@code k} components). The weights and the bound depend on the org only, so one comparison serves every member.
     */
    public record Comparison(List<BigInteger> weights, BigDecimal bound) {
        public Comparison {
            weights = List.copyOf(weights);
            Objects.requireNonNull(bound, "bound");
        }

        public static Comparison of(List<Long> maxima, BigDecimal threshold) {
            BigInteger product = BigInteger.ONE;
            for (long max : maxima) {
                if (max != 0) {
                    product = product.multiply(BigInteger.valueOf(max));
                }
            }
            List<BigInteger> weights = new ArrayList<>();
            for (long max : maxima) {
                weights.add(max == 0 ? BigInteger.ZERO : product.divide(BigInteger.valueOf(max)));
            }
            BigDecimal bound = threshold.multiply(BigDecimal.valueOf(maxima.size())).multiply(new BigDecimal(product));
            return new Comparison(weights, bound);
        }

        /** Whether a member with these sums (in the order of the weights) reaches the threshold. */
        public boolean holds(List<Long> values) {
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < weights.size(); i++) {
                sum = sum.add(BigInteger.valueOf(values.get(i)).multiply(weights.get(i)));
            }
            return new BigDecimal(sum.multiply(BigInteger.valueOf(100))).compareTo(bound) >= 0;
        }
    }
}
