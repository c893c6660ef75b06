package circles.adapter.in.events;

import circles.application.port.in.event.RedeliverDirectoryEventsUseCase;
import circles.application.port.out.event.DirectoryEventOutbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Delivers directory change events that are still pending: their delivery right after commit failed (they are
 * retried with a growing delay) or never happened (the process stopped in between). Runs on every instance; an
 * event is delivered by one of them. The other way in is {@link AfterCommitDelivery}.
 */
@ApplicationScoped
public class DirectoryEventRedeliveryJob {
    private static final Logger LOG = Logger.getLogger(DirectoryEventRedeliveryJob.class);

    private final RedeliverDirectoryEventsUseCase redeliver;

    @Inject
    public DirectoryEventRedeliveryJob(RedeliverDirectoryEventsUseCase redeliver) {
        this.redeliver = redeliver;
    }

    @Scheduled(identity = "member-event-redelivery", every = "{circles.member-events.redelivery.every}",
            delayed = "{circles.member-events.redelivery.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        DirectoryEventOutbox.Report report = redeliver.redeliver();
        if (report.delivered() > 0 || report.failed() > 0 || report.parked() > 0) {
            LOG.infof("directory events: redelivered %d, failed again %d, parked %d, purged %d", report.delivered(),
                    report.failed(), report.parked(), report.purged());
        }
    }
}
