package circles.bootstrap.wiring;

import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.override.GroupOverridesService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The includes and excludes an admin sets on a dynamic group. */
@ApplicationScoped
public class OverrideWiring {

    @Produces
    @Singleton
    GroupOverridesService groupOverridesService(UnitOfWork tx, Access access, TenantScope tenant,
                                                GroupRepository groups, OrgMemberRepository orgMembers,
                                                OverrideRepository overrides, DynamicMembersStore members,
                                                DynamicGroupEngine engine, AuditLog audit, Clock clock) {
        return new GroupOverridesService(tx, access, tenant, groups, orgMembers, overrides, members, engine,
                audit, clock);
    }
}
