package circles.bootstrap;

import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RefreshSettings;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.BackgroundWork;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.dynamic.DynamicGroupService;
import circles.application.service.dynamic.GroupRefreshService;
import circles.application.service.dynamic.RefreshClaimRenewalService;
import circles.application.service.dynamic.ScheduledRefreshService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/**
 * The refresh of dynamic groups: manual (while the caller waits, or in the background for large orgs), scheduled,
 * and the settings, background pool and claim renewal they share (configuration {@code circles.refresh.*}).
 */
@ApplicationScoped
public class RefreshWiring {

    /** The configured values; application scoped (a client proxy), so a test may stand in another for one test. */
    record ConfiguredRefreshSettings(long syncMemberLimit, int claimBatch, Duration lease) implements RefreshSettings {
    }

    @Produces
    @ApplicationScoped
    RefreshSettings refreshSettings(
            @ConfigProperty(name = "circles.refresh.sync-limit", defaultValue = "50000") long syncMemberLimit,
            @ConfigProperty(name = "circles.refresh.claim-batch", defaultValue = "10") int claimBatch,
            @ConfigProperty(name = "circles.refresh.lease", defaultValue = "30s") Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("circles.refresh.lease must be positive, not " + lease);
        }
        return new ConfiguredRefreshSettings(syncMemberLimit, claimBatch, lease);
    }

    /** One per instance: the claims this instance's refreshes hold, renewed by the claim renewal job. */
    @Produces
    @Singleton
    RefreshClaimRenewalService refreshClaimRenewalService(UnitOfWork tx, RefreshClaims claims,
                                                          RefreshSettings settings, Clock clock) {
        return new RefreshClaimRenewalService(tx, claims, settings, clock);
    }

    @Produces
    @ApplicationScoped
    BackgroundWork backgroundWork(
            @ConfigProperty(name = "circles.refresh.background-threads", defaultValue = "2") int threads) {
        return new ExecutorBackgroundWork(threads);
    }

    void closeBackgroundWork(@Disposes BackgroundWork work) {
        if (work instanceof ExecutorBackgroundWork pool) {
            pool.close();
        }
    }

    @Produces
    @Singleton
    GroupRefreshService groupRefreshService(UnitOfWork tx, Access access, TenantScope tenant, GroupRepository groups,
                                            OrgRepository orgs, RefreshClaims claims,
                                            DynamicGroupService dynamicGroups,
                                            RefreshClaimRenewalService heldClaims, BackgroundWork background,
                                            RefreshSettings settings, AuditLog audit, Clock clock) {
        return new GroupRefreshService(tx, access, tenant, groups, orgs, claims, dynamicGroups, heldClaims,
                background, settings, audit, clock);
    }

    @Produces
    @Singleton
    ScheduledRefreshService scheduledRefreshService(UnitOfWork tx, TenantScope tenant, GroupRepository groups,
                                                    RefreshClaims claims, DynamicGroupService dynamicGroups,
                                                    RefreshClaimRenewalService heldClaims, RefreshSettings settings,
                                                    AuditLog audit, Clock clock) {
        return new ScheduledRefreshService(tx, tenant, groups, claims, dynamicGroups, heldClaims, settings, audit,
                clock);
    }
}
