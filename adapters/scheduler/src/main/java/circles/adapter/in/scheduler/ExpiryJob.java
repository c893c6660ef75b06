package circles.adapter.in.scheduler;

import circles.application.port.in.group.ExpireGroupsUseCase;
import circles.application.port.in.override.ExpireOverridesUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Archives expired groups, ends memberships past their validity and removes expired include/exclude entries of
 * dynamic groups, on the interval from configuration.
 */
@ApplicationScoped
public class ExpiryJob {
    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    private final ExpireGroupsUseCase expireGroups;
    private final ExpireOverridesUseCase expireOverrides;

    @Inject
    public ExpiryJob(ExpireGroupsUseCase expireGroups, ExpireOverridesUseCase expireOverrides) {
        this.expireGroups = expireGroups;
        this.expireOverrides = expireOverrides;
    }

    @Scheduled(identity = "expiry", every = "{circles.expiry.every}", delayed = "{circles.expiry.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        ExpireGroupsUseCase.Report report = expireGroups.expire();
        if (report.archivedGroups() > 0 || report.endedMemberships() > 0) {
            LOG.infof("expiry: archived %d groups, ended %d memberships", report.archivedGroups(),
                    report.endedMemberships());
        }
        ExpireOverridesUseCase.Report overrides = expireOverrides.expireOverrides();
        if (overrides.expiredEntries() > 0) {
            LOG.infof("expiry: removed %d expired overrides of dynamic groups", overrides.expiredEntries());
        }
    }
}
