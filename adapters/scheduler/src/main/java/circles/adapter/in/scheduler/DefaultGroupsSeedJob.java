package circles.adapter.in.scheduler;

import circles.application.port.in.dynamic.SeedMissingDefaultGroupsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Gives orgs that lack some of their default groups the missing ones: shortly after start-up (orgs made before
 * default groups existed, or before a preset was added), then again on the interval from configuration. Runs on
 * every instance; an org is seeded by one of them.
 */
@ApplicationScoped
public class DefaultGroupsSeedJob {
    private static final Logger LOG = Logger.getLogger(DefaultGroupsSeedJob.class);

    private final SeedMissingDefaultGroupsUseCase seed;

    @Inject
    public DefaultGroupsSeedJob(SeedMissingDefaultGroupsUseCase seed) {
        this.seed = seed;
    }

    @Scheduled(identity = "default-groups-seed", every = "{circles.default-groups.seed.every}",
            delayed = "{circles.default-groups.seed.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        SeedMissingDefaultGroupsUseCase.Report report = seed.seedMissing();
        if (report.groupsCreated() > 0 || report.orgsSkipped() > 0) {
            LOG.infof("default groups: created %d in %d orgs; %d orgs were being seeded by another instance",
                    report.groupsCreated(), report.orgsSeeded(), report.orgsSkipped());
        }
        for (SeedMissingDefaultGroupsUseCase.Failure failure : report.failures()) {
            LOG.warnf("default groups: seeding org %s failed, tried again on the next run: %s", failure.orgId(),
                    failure.reason());
        }
    }
}
