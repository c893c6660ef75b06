package circles.adapter.in.scheduler;

import circles.application.port.in.activity.PurgeActivityUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Deletes raw activity events and daily rollups past their retention (circles.activity.raw-retention-days,
 * circles.activity.rollup-retention-days), on the interval from configuration.
 */
@ApplicationScoped
public class ActivityRetentionJob {
    private static final Logger LOG = Logger.getLogger(ActivityRetentionJob.class);

    private final PurgeActivityUseCase purge;

    @Inject
    public ActivityRetentionJob(PurgeActivityUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(identity = "activity-retention", every = "{circles.activity.retention.every}",
            delayed = "{circles.activity.retention.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        PurgeActivityUseCase.Report report = purge.purge();
        if (report.events() > 0 || report.rollups() > 0) {
            LOG.infof("activity retention: deleted %d raw events and %d daily rollups", report.events(),
                    report.rollups());
        }
    }
}
