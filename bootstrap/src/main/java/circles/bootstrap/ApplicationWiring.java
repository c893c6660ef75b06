package circles.bootstrap;

import circles.application.port.out.activity.ActivityReader;
import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.actor.ActorOverride;
import circles.application.port.out.actor.CurrentActor;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.PresetGroups;
import circles.application.port.out.dynamic.RecheckLookups;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.event.MemberEvents;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.idempotency.IdempotencyStore;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.DataQualityReader;
import circles.application.port.out.member.MemberImportStore;
import circles.application.port.out.member.OrgChartReader;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.provisioning.ProvisionedGroupRepository;
import circles.application.port.out.provisioning.ProvisionedUserRepository;
import circles.application.port.out.provisioning.ScimTokenRepository;
import circles.application.port.out.rule.CriterionConfigValidator;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.activity.ActivityService;
import circles.application.service.actor.SignInService;
import circles.application.service.assignment.AssignmentService;
import circles.application.service.audit.AuditService;
import circles.application.service.dynamic.DefaultGroupsService;
import circles.application.service.dynamic.DynamicFreshnessService;
import circles.application.service.dynamic.DynamicGroupService;
import circles.application.service.group.ExpiryService;
import circles.application.service.group.GroupService;
import circles.application.service.idempotency.IdempotencyService;
import circles.application.service.masterdata.MasterDataService;
import circles.application.service.member.DataQualityService;
import circles.application.service.member.MemberImportService;
import circles.application.service.member.OrgChartService;
import circles.application.service.member.OrgMemberService;
import circles.application.service.membership.GroupMembershipService;
import circles.application.service.membership.MemberGroupsService;
import circles.application.service.membership.MembershipHistoryService;
import circles.application.service.org.OrgService;
import circles.application.service.override.GroupOverridesService;
import circles.application.service.provisioning.ScimGroupService;
import circles.application.service.provisioning.ScimTokenService;
import circles.application.service.provisioning.ScimUserService;
import circles.application.service.rule.CriterionTypesService;
import circles.application.service.rule.RulePreviewService;
import circles.application.service.rule.RuleValidationService;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.CriterionType;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/**
 * Makes the plain-Java application services beans. Each producer's bean types are the service and every
 * use-case interface it implements, so adapters inject the use case they need. Transactions are opened by
 * the services through the {@link UnitOfWork} port (see docs/adr/0002).
 */
@ApplicationScoped
public class ApplicationWiring {

    @Produces
    @Singleton
    Clock clock() {
        // PostgreSQL keeps microseconds: a finer clock would make a value differ from its stored copy.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Produces
    @Singleton
    Access access(CurrentActor actor, OrgMemberRepository orgMembers, GroupRepository groups,
                  MembershipRepository memberships, TenantScope tenant, Clock clock) {
        return new Access(actor, orgMembers, groups, memberships, tenant, clock);
    }

    @Produces
    @Singleton
    OrgService orgService(UnitOfWork tx, Access access, OrgRepository orgs, OrgMemberRepository orgMembers,
                          UserRepository users, MemberEvents events, AuditLog audit, Clock clock,
                          DefaultGroupsService defaultGroups) {
        return new OrgService(tx, access, orgs, orgMembers, users, events, audit, clock, defaultGroups);
    }

    @Produces
    @Singleton
    DefaultGroupsService defaultGroupsService(UnitOfWork tx, Access access, TenantScope tenant,
                                              GroupRepository groups, PresetGroups presets,
                                              RuleValidationService rules, DynamicGroupService dynamicGroups,
                                              AuditLog audit, Clock clock) {
        return new DefaultGroupsService(tx, access, tenant, groups, presets, rules, dynamicGroups, audit, clock);
    }

    @Produces
    @Singleton
    OrgMemberService orgMemberService(UnitOfWork tx, Access access, OrgMemberRepository orgMembers,
                                      UserRepository users, GroupRepository groups, MembershipRepository memberships,
                                      ReportingLines reportingLines, MemberEvents events, AuditLog audit,
                                      Clock clock) {
        return new OrgMemberService(tx, access, orgMembers, users, groups, memberships, reportingLines, events, audit,
                clock);
    }

    @Produces
    @Singleton
    MasterDataService masterDataService(UnitOfWork tx, Access access, MasterDataRepository masterData,
                                        OrgMemberRepository orgMembers, MemberEvents events, AuditLog audit,
                                        Clock clock) {
        return new MasterDataService(tx, access, masterData, orgMembers, events, audit, clock);
    }

    @Produces
    @Singleton
    GroupService groupService(UnitOfWork tx, Access access, GroupRepository groups, MembershipRepository memberships,
                              OrgMemberRepository orgMembers, AuditLog audit, Clock clock,
                              DynamicGroupService dynamicGroups) {
        return new GroupService(tx, access, groups, memberships, orgMembers, audit, clock, dynamicGroups);
    }

    @Produces
    @Singleton
    DynamicGroupService dynamicGroupService(UnitOfWork tx, Access access, GroupRepository groups,
                                            RuleValidationService rules, DynamicGroupDefinitions definitions,
                                            DynamicMembersStore members, OverrideRepository overrides,
                                            RefreshClaims claims, GroupDependencies dependencies,
                                            OrgMemberRepository orgMembers, MasterDataRepository masterData,
                                            MembershipRepository memberships, RuleMemberQuery ruleMembers,
                                            AuditLog audit, Clock clock) {
        return new DynamicGroupService(tx, access, groups, rules, new DynamicGroupService.Ports(definitions, members,
                overrides, claims, dependencies, orgMembers, masterData, memberships, ruleMembers), audit, clock);
    }

    @Produces
    @Singleton
    GroupOverridesService groupOverridesService(UnitOfWork tx, Access access, TenantScope tenant,
                                                GroupRepository groups, OrgMemberRepository orgMembers,
                                                OverrideRepository overrides, DynamicMembersStore members,
                                                DynamicGroupService dynamicGroups, AuditLog audit, Clock clock) {
        return new GroupOverridesService(tx, access, tenant, groups, orgMembers, overrides, members, dynamicGroups,
                audit, clock);
    }

    @Produces
    @Singleton
    RulePreviewService rulePreviewService(UnitOfWork tx, Access access, GroupRepository groups,
                                          RuleValidationService rules, DynamicGroupService dynamicGroups,
                                          RuleMemberQuery ruleMembers, OrgMemberRepository orgMembers,
                                          DynamicMembersStore members, GroupDependencies dependencies, Clock clock) {
        return new RulePreviewService(tx, access, groups, rules, dynamicGroups,
                new RulePreviewService.Ports(ruleMembers, orgMembers, members, dependencies), clock);
    }

    @Produces
    @Singleton
    GroupMembershipService groupMembershipService(UnitOfWork tx, Access access, MembershipRepository memberships,
                                                  OrgMemberRepository orgMembers, UserRepository users,
                                                  AuditLog audit, Clock clock,
                                                  DynamicMembersStore dynamicMembers, MemberEvents events) {
        return new GroupMembershipService(tx, access, memberships, orgMembers, users, audit, clock, dynamicMembers,
                events);
    }

    @Produces
    @Singleton
    MembershipHistoryService membershipHistoryService(UnitOfWork tx, Access access, MembershipHistory history,
                                                      DynamicMembersStore dynamicMembers, Clock clock) {
        return new MembershipHistoryService(tx, access, history, dynamicMembers, clock);
    }

    @Produces
    @Singleton
    AssignmentService assignmentService(UnitOfWork tx, Access access, AssignmentRepository assignments,
                                        AuditLog audit, Clock clock) {
        return new AssignmentService(tx, access, assignments, audit, clock);
    }

    @Produces
    @Singleton
    MemberGroupsService memberGroupsService(UnitOfWork tx, Access access, OrgMemberRepository orgMembers,
                                            MembershipRepository memberships, Clock clock) {
        return new MemberGroupsService(tx, access, orgMembers, memberships, clock);
    }

    @Produces
    @Singleton
    SignInService signInService(UnitOfWork tx, UserRepository users) {
        return new SignInService(tx, users);
    }

    @Produces
    @Singleton
    AuditService auditService(UnitOfWork tx, Access access, AuditLog audit) {
        return new AuditService(tx, access, audit);
    }

    @Produces
    @Singleton
    ExpiryService expiryService(UnitOfWork tx, GroupRepository groups, MembershipRepository memberships,
                                AuditLog audit, Clock clock) {
        return new ExpiryService(tx, groups, memberships, audit, clock);
    }

    @Produces
    @Singleton
    IdempotencyService idempotencyService(UnitOfWork tx, IdempotencyStore store, Clock clock) {
        return new IdempotencyService(tx, store, clock);
    }

    @Produces
    @Singleton
    MemberImportService memberImportService(UnitOfWork tx, Access access, MemberImportStore store,
                                            OrgMemberRepository orgMembers, GroupRepository groups,
                                            ReportingLines reportingLines, MemberEvents events, AuditLog audit,
                                            Clock clock,
                                            @ConfigProperty(name = "circles.import.transaction-timeout",
                                                    defaultValue = "10m") Duration transactionTimeout,
                                            @ConfigProperty(name = "circles.import.max-rows",
                                                    defaultValue = "2000000") int maxRows) {
        return new MemberImportService(tx, access, store, orgMembers, groups, reportingLines, events, audit, clock,
                transactionTimeout, maxRows);
    }

    @Produces
    @Singleton
    OrgChartService orgChartService(UnitOfWork tx, Access access, OrgChartReader reader) {
        return new OrgChartService(tx, access, reader);
    }

    @Produces
    @Singleton
    DataQualityService dataQualityService(UnitOfWork tx, Access access, DataQualityReader reader) {
        return new DataQualityService(tx, access, reader);
    }

    @Produces
    @Singleton
    ScimTokenService scimTokenService(UnitOfWork tx, Access access, ScimTokenRepository tokens,
                                      ActorOverride actorOverride, AuditLog audit, Clock clock) {
        return new ScimTokenService(tx, access, tokens, actorOverride, audit, clock);
    }

    @Produces
    @Singleton
    ScimUserService scimUserService(UnitOfWork tx, Access access, OrgMemberRepository orgMembers,
                                    ProvisionedUserRepository provisioned, UserRepository users,
                                    GroupRepository groups, MembershipRepository memberships,
                                    ReportingLines reportingLines, MemberEvents events, AuditLog audit, Clock clock) {
        return new ScimUserService(tx, access, orgMembers, provisioned, users, groups, memberships, reportingLines,
                events, audit, clock);
    }

    @Produces
    @Singleton
    ScimGroupService scimGroupService(UnitOfWork tx, Access access, GroupRepository groups,
                                      ProvisionedGroupRepository provisioned, OrgMemberRepository orgMembers,
                                      AuditLog audit, Clock clock) {
        return new ScimGroupService(tx, access, groups, provisioned, orgMembers, audit, clock);
    }

    /**
     * The built-in criterion types (the activity criteria reading the stored activity among them) and every
     * {@link CriterionType} bean other modules contribute (docs/adr/0012). Made at start-up, so that two types
     * claiming one key stop the application with a message naming both instead of failing the first rule that
     * is parsed.
     */
    @Produces
    @Singleton
    @Startup
    CriterionRegistry criterionRegistry(ActivityReader activity, Instance<CriterionType> contributed) {
        return CriterionRegistry.withBuiltInsAnd(activity, contributed.stream().toList());
    }

    @Produces
    @Singleton
    CriterionTypesService criterionTypesService(CriterionRegistry registry) {
        return new CriterionTypesService(registry);
    }

    @Produces
    @Singleton
    RuleValidationService ruleValidationService(CriterionRegistry registry, CriterionConfigValidator validator) {
        return new RuleValidationService(registry, validator);
    }

    @Produces
    @Singleton
    ActivityService activityService(UnitOfWork tx, Access access, OrgRepository orgs, ActivityStore store,
                                     AuditLog audit, Clock clock, MemberEvents memberEvents,
                                     @ConfigProperty(name = "circles.activity.raw-retention-days", defaultValue = "90")
                                     int rawRetentionDays,
                                     @ConfigProperty(name = "circles.activity.rollup-retention-days",
                                             defaultValue = "400") int rollupRetentionDays) {
        return new ActivityService(tx, access, orgs, store,
                new ActivityService.Retention(rawRetentionDays, rollupRetentionDays), audit, clock, memberEvents);
    }

    /** Event-driven freshness of dynamic groups: the handler of directory events calls it (docs/adr/0012). */
    @Produces
    @Singleton
    DynamicFreshnessService dynamicFreshnessService(UnitOfWork tx, TenantScope tenant,
                                                    DynamicGroupService dynamicGroups, RuleValidationService rules,
                                                    RecheckLookups lookups, DynamicMembersStore members,
                                                    ReportingLines reportingLines, MasterDataRepository masterData,
                                                    GroupRepository groups, GroupDependencies dependencies,
                                                    RefreshClaims claims, Clock clock) {
        return new DynamicFreshnessService(tx, tenant, dynamicGroups, rules, new DynamicFreshnessService.Ports(
                lookups, members, reportingLines, masterData, groups, dependencies, claims), clock);
    }
}
