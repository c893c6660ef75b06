package circles.bootstrap.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in the tests, in place of the one {@code SharedWiring} makes: the system clock at
 * PostgreSQL's microsecond precision (as in production) until a test pins it to a fixed instant; from then on it
 * stands still and moves only when the test advances it. All tests share one Quarkus instance, so a test that pins
 * the clock releases it when it ends ({@link #release()} in an {@code @AfterEach}).
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
    private static final Clock SYSTEM = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    private final AtomicReference<Instant> pinned = new AtomicReference<>();

    /** Stops the clock at {@code instant} (kept to the microsecond). */
    public void pin(Instant instant) {
        pinned.set(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Moves a pinned clock forward. */
    public void advance(Duration duration) {
        if (pinned.updateAndGet(now -> now == null ? null : now.plus(duration)) == null) {
            throw new IllegalStateException("pin the clock before advancing it");
        }
    }

    /** Back to the system clock. */
    public void release() {
        pinned.set(null);
    }

    @Override
    public Instant instant() {
        Instant now = pinned.get();
        return now == null ? SYSTEM.instant() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
