package circles.bootstrap.wiring;

import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.dynamic.DefaultGroupsService;
import circles.application.service.org.OrgService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Organisations. */
@ApplicationScoped
public class OrgWiring {

    @Produces
    @Singleton
    OrgService orgService(UnitOfWork tx, Access access, OrgRepository orgs, OrgMemberRepository orgMembers,
                          UserRepository users, DirectoryEvents events, AuditLog audit, Clock clock,
                          DefaultGroupsService defaultGroups) {
        return new OrgService(tx, access, orgs, orgMembers, users, events, audit, clock, defaultGroups);
    }
}
