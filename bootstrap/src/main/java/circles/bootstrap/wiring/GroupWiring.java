package circles.bootstrap.wiring;

import circles.application.service.event.PublicEvents;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.group.GroupCreations;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.group.ExpiryService;
import circles.application.service.group.GroupService;
import circles.application.service.rule.RuleValidationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Groups themselves and the expiry of their memberships. */
@ApplicationScoped
public class GroupWiring {

    @Produces
    @Singleton
    GroupService groupService(UnitOfWork tx, Access access, GroupRepository groups, MembershipRepository memberships,
                              OrgMemberRepository orgMembers, AuditLog audit, Clock clock,
                              DynamicGroupEngine engine, DynamicGroupViews views, RuleValidationService rules,
                              PublicEvents events, GroupCreations creations) {
        return new GroupService(tx, access, groups, memberships, orgMembers, audit, clock, engine, views, rules,
                events, creations);
    }

    @Produces
    @Singleton
    ExpiryService expiryService(UnitOfWork tx, GroupRepository groups, MembershipRepository memberships,
                                AuditLog audit, Clock clock, PublicEvents events) {
        return new ExpiryService(tx, groups, memberships, audit, clock, events);
    }
}
