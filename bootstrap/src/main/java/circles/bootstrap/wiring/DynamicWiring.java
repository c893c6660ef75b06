package circles.bootstrap.wiring;

import circles.application.service.event.PublicEvents;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.MemberIndex;
import circles.application.port.out.dynamic.PresetGroups;
import circles.application.port.out.dynamic.RecheckLookups;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RefreshSettings;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.shared.BackgroundWork;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.dynamic.DefaultGroupsService;
import circles.application.service.dynamic.DynamicFreshnessService;
import circles.application.service.dynamic.DynamicGroupService;
import circles.application.service.dynamic.GroupRefreshService;
import circles.application.service.dynamic.RefreshClaimRenewalService;
import circles.application.service.dynamic.ScheduledRefreshService;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.rule.RuleValidationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/**
 * Dynamic groups: their evaluation, the default groups of a new org, event-driven freshness, and the refresh
 * (manual, while the caller waits or in the background for large orgs, and scheduled) with the settings,
 * background pool and claim renewal it shares (configuration {@code circles.refresh.*}).
 */
@ApplicationScoped
public class DynamicWiring {

    /** The configured values; application scoped (a client proxy), so a test may stand in another for one test. */
    record ConfiguredRefreshSettings(long syncMemberLimit, int claimBatch, Duration lease) implements RefreshSettings {
    }

    /** The dynamic-group engine the use cases below share: target, diff/apply and dependents. */
    @Produces
    @Singleton
    DynamicGroupEngine dynamicGroupEngine(GroupRepository groups, RuleValidationService rules,
                                          DynamicGroupDefinitions definitions, DynamicMembersStore members,
                                          OverrideRepository overrides, RefreshClaims claims,
                                          GroupDependencies dependencies, OrgMemberRepository orgMembers,
                                          MasterDataRepository masterData, MembershipRepository memberships,
                                          RuleMemberQuery ruleMembers, MemberIndex index, Clock clock,
                                          PublicEvents events) {
        return new DynamicGroupEngine(groups, rules, new DynamicGroupEngine.Ports(definitions, members, overrides,
                claims, dependencies, orgMembers, masterData, memberships, ruleMembers, index), clock, events);
    }

    /** What the use cases show of a dynamic group: stored rule, schedule, member count, last evaluation. */
    @Produces
    @Singleton
    DynamicGroupViews dynamicGroupViews(DynamicGroupDefinitions definitions, RefreshClaims claims, Clock clock) {
        return new DynamicGroupViews(definitions, claims, clock);
    }

    @Produces
    @Singleton
    DynamicGroupService dynamicGroupService(UnitOfWork tx, Access access, GroupRepository groups,
                                            DynamicGroupEngine engine, DynamicGroupViews views,
                                            RuleValidationService rules, AuditLog audit, Clock clock,
                                            PublicEvents events) {
        return new DynamicGroupService(tx, access, groups, engine, views, rules, audit, clock, events);
    }

    @Produces
    @Singleton
    DefaultGroupsService defaultGroupsService(UnitOfWork tx, Access access, TenantScope tenant,
                                              GroupRepository groups, PresetGroups presets,
                                              RuleValidationService rules, DynamicGroupEngine engine,
                                              AuditLog audit, Clock clock, PublicEvents events) {
        return new DefaultGroupsService(tx, access, tenant, groups, presets, rules, engine, audit, clock, events);
    }

    /** Event-driven freshness of dynamic groups: the handler of directory events calls it (docs/adr/0012). */
    @Produces
    @Singleton
    DynamicFreshnessService dynamicFreshnessService(UnitOfWork tx, TenantScope tenant,
                                                    DynamicGroupEngine engine, RuleValidationService rules,
                                                    RecheckLookups lookups, DynamicMembersStore members,
                                                    ReportingLines reportingLines, MasterDataRepository masterData,
                                                    GroupRepository groups, GroupDependencies dependencies,
                                                    RefreshClaims claims, Clock clock) {
        return new DynamicFreshnessService(tx, tenant, engine, rules, new DynamicFreshnessService.Ports(
                lookups, members, reportingLines, masterData, groups, dependencies, claims), clock);
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
                                            DynamicGroupEngine engine,
                                            RefreshClaimRenewalService heldClaims, BackgroundWork background,
                                            RefreshSettings settings, AuditLog audit, Clock clock) {
        return new GroupRefreshService(tx, access, tenant, groups, orgs, claims, engine, heldClaims,
                background, settings, audit, clock);
    }

    @Produces
    @Singleton
    ScheduledRefreshService scheduledRefreshService(UnitOfWork tx, TenantScope tenant, GroupRepository groups,
                                                    RefreshClaims claims, DynamicGroupEngine engine,
                                                    RefreshClaimRenewalService heldClaims, RefreshSettings settings,
                                                    AuditLog audit, Clock clock) {
        return new ScheduledRefreshService(tx, tenant, groups, claims, engine, heldClaims, settings, audit,
                clock);
    }
}
