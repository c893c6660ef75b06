package circles.adapter.in.scheduler;

import circles.application.port.in.feed.PurgePublicEventsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Deletes public events older than {@code circles.events.retention}, in slices, on the configured interval. */
@ApplicationScoped
public class PublicEventRetentionJob {
    private static final Logger LOG = Logger.getLogger(PublicEventRetentionJob.class);

    private final PurgePublicEventsUseCase purge;

    @Inject
    public PublicEventRetentionJob(PurgePublicEventsUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(identity = "public-event-retention", every = "{circles.events.retention-job.every}",
            delayed = "{circles.events.retention-job.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int purged = purge.purgeExpired();
        if (purged > 0) {
            LOG.infof("public event retention: deleted %d events", purged);
        }
    }
}
