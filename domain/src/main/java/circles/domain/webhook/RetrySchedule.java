package circles.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the attempts that
 * failed, each delay spread by up to a tenth either way so that many deliveries failing together do not all come
 * back at once. A receiver's {@code Retry-After} (on 429 and 503) replaces the delay, at most {@link #MAX_RETRY_AFTER}.
 * After the last retry has failed the delivery is given up. An endpoint that has failed every attempt for
 * {@link #DISABLE_AFTER} is disabled.
 */
public final class RetrySchedule {
    public static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    public static final Duration DISABLE_AFTER = Duration.ofDays(5);
    private static final double JITTER = 0.1;

    private final DoubleSupplier random;

    /** @param random values in [0, 1) that spread the delays (e.g. {@code Math::random}) */
    public RetrySchedule(DoubleSupplier random) {
        this.random = random;
    }

    /**
     * When to try again after the {@code attempts}-th attempt (1 for the first) failed at {@code failedAt}; empty
     * when no retry is left.
     */
    public Optional<Instant> next(int attempts, Instant failedAt, Duration retryAfter) {
        if (attempts < 1 || attempts > DELAYS.size()) {
            return Optional.empty();
        }
        if (retryAfter != null && !retryAfter.isNegative()) {
            return Optional.of(failedAt.plus(retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter));
        }
        Duration base = DELAYS.get(attempts - 1);
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Optional.of(failedAt.plusMillis(Math.round(base.toMillis() * factor)));
    }

    /** Whether an endpoint failing without a success since {@code failingSince} is to be disabled at {@code now}. */
    public static boolean failedTooLong(Instant failingSince, Instant now) {
        return failingSince != null && !now.isBefore(failingSince.plus(DISABLE_AFTER));
    }
}
