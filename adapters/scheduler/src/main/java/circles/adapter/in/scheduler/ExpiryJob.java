package circles.adapter.in.scheduler;

import circles.application.port.in.ExpireGroupsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Archives expired groups and ends memberships past their validity, on the interval from configuration. */
@ApplicationScoped
public class ExpiryJob {
    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    private final ExpireGroupsUseCase expireGroups;

    @Inject
    public ExpiryJob(ExpireGroupsUseCase expireGroups) {
        this.expireGroups = expireGroups;
    }

    @Scheduled(identity = "expiry", every = "{circles.expiry.every}", delayed = "{circles.expiry.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        ExpireGroupsUseCase.Report report = expireGroups.expire();
        if (report.archivedGroups() > 0 || report.endedMemberships() > 0) {
            LOG.infof("expiry: archived %d groups, ended %d memberships", report.archivedGroups(),
                    report.endedMemberships());
        }
    }
}
