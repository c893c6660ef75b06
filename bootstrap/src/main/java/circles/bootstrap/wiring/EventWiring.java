package circles.bootstrap.wiring;

import circles.application.service.event.PublicEvents;
import circles.application.service.event.ChangeFeedService;
import circles.application.port.out.event.PublicEventLog;
import circles.application.service.access.Access;
import circles.application.port.in.event.HandleDirectoryEventUseCase;
import circles.application.port.out.event.DirectoryEventOutbox;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.dynamic.DynamicFreshnessService;
import circles.application.service.event.DirectoryEventRelayService;
import circles.application.service.event.DirectoryEventService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/**
 * The internal event path (docs/adr/0016): the handler of directory events, and the relay that delivers them from
 * the outbox after commit and again later (configuration {@code circles.member-events.*}).
 */
@ApplicationScoped
public class EventWiring {

    @Produces
    @Singleton
    DirectoryEventService directoryEventService(DynamicFreshnessService freshness) {
        return new DirectoryEventService(freshness, freshness);
    }

    @Produces
    @Singleton
    DirectoryEventRelayService.Retries memberEventRetries(
            @ConfigProperty(name = "circles.member-events.first-retry-after", defaultValue = "5s")
            Duration firstRetryAfter,
            @ConfigProperty(name = "circles.member-events.max-retry-after", defaultValue = "10m")
            Duration maxRetryAfter,
            @ConfigProperty(name = "circles.member-events.max-attempts", defaultValue = "20") int maxAttempts,
            @ConfigProperty(name = "circles.member-events.redelivery-batch", defaultValue = "500")
            int redeliveryBatch,
            @ConfigProperty(name = "circles.member-events.retention", defaultValue = "7d") Duration retention) {
        return new DirectoryEventRelayService.Retries(firstRetryAfter, maxRetryAfter, maxAttempts, redeliveryBatch,
                retention);
    }

    /** The public events of the use cases, each evaluation's member events up to the configured limit. */
    @Produces
    @Singleton
    PublicEvents publicEvents(PublicEventLog log, Clock clock,
                              @ConfigProperty(name = "circles.events.member-event-limit", defaultValue = "10000")
                              int memberEventLimit) {
        return new PublicEvents(log, clock, memberEventLimit);
    }

    /** The change feed, who reads it, and the retention of the public event log. */
    @Produces
    @Singleton
    ChangeFeedService changeFeedService(UnitOfWork tx, Access access, PublicEventLog log, Clock clock,
                                        @ConfigProperty(name = "circles.events.retention", defaultValue = "7d")
                                        Duration retention,
                                        @ConfigProperty(name = "circles.events.retention-slice", defaultValue = "1000")
                                        int slice) {
        return new ChangeFeedService(tx, access, log, clock, new ChangeFeedService.Retention(retention, slice));
    }

    /** Every handler of directory events gets each event: the one use case, and in tests a recording one. */
    @Produces
    @Singleton
    DirectoryEventRelayService directoryEventRelayService(UnitOfWork tx, DirectoryEventOutbox outbox,
                                                          @Any Instance<HandleDirectoryEventUseCase> handlers,
                                                          Clock clock, DirectoryEventRelayService.Retries retries) {
        return new DirectoryEventRelayService(tx, outbox, handlers, clock, retries);
    }
}
