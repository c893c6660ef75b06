package circles.bootstrap.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** What every feature shares: the clock. */
@ApplicationScoped
public class SharedWiring {

    @Produces
    @Singleton
    Clock clock() {
        // PostgreSQL keeps microseconds: a finer clock would make a value differ from its stored copy.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
