package circles.adapter.in.scheduler;

import circles.application.port.in.dynamic.RenewRefreshClaimsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The heartbeat of this instance's refresh claims: renews, on the interval from configuration (a fraction of
 * {@code circles.refresh.lease}), the lease of every claim a refresh of this instance holds. Runs on every instance,
 * each for its own claims; when an instance dies, its claims run out within one lease and others take the groups over.
 */
@ApplicationScoped
public class RefreshClaimRenewalJob {
    private static final Logger LOG = Logger.getLogger(RefreshClaimRenewalJob.class);

    private final RenewRefreshClaimsUseCase renewals;

    @Inject
    public RefreshClaimRenewalJob(RenewRefreshClaimsUseCase renewals) {
        this.renewals = renewals;
    }

    @Scheduled(identity = "refresh-claim-renewal", every = "{circles.refresh.lease-renewal.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        RenewRefreshClaimsUseCase.Report report = renewals.renewHeld();
        if (report.notRenewed() > 0) {
            // Usually a claim being released at this moment; a claim that was taken over shows in its release.
            LOG.debugf("refresh claims: renewed %d, %d not (ending, or taken over)", report.renewed(),
                    report.notRenewed());
        }
    }
}
