package circles.adapter.in.scheduler;

import circles.application.port.in.dynamic.RunScheduledRefreshesUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Evaluates the dynamic groups whose scheduled refresh is due, on the interval from configuration. Runs on every
 * instance; each due group is claimed by one of them.
 */
@ApplicationScoped
public class RefreshJob {
    private static final Logger LOG = Logger.getLogger(RefreshJob.class);

    private final RunScheduledRefreshesUseCase refreshes;

    @Inject
    public RefreshJob(RunScheduledRefreshesUseCase refreshes) {
        this.refreshes = refreshes;
    }

    @Scheduled(identity = "dynamic-group-refresh", every = "{circles.refresh.every}",
            delayed = "{circles.refresh.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        RunScheduledRefreshesUseCase.Report report = refreshes.runDue();
        if (!report.failed().isEmpty()) {
            LOG.warnf("scheduled refresh: evaluated %d dynamic groups, %d failed (marked failed): %s",
                    report.evaluated().size(), report.failed().size(), report.failed());
        } else if (!report.evaluated().isEmpty()) {
            LOG.infof("scheduled refresh: evaluated %d dynamic groups", report.evaluated().size());
        }
    }
}
