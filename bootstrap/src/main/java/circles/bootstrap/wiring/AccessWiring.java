package circles.bootstrap.wiring;

import circles.application.port.out.actor.CurrentActor;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.access.RequestScopeService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Who may do what: the access checks every use case asks before it acts. */
@ApplicationScoped
public class AccessWiring {

    @Produces
    @Singleton
    Access access(CurrentActor actor, OrgMemberRepository orgMembers, GroupRepository groups,
                  MembershipRepository memberships, TenantScope tenant, Clock clock) {
        return new Access(actor, orgMembers, groups, memberships, tenant, clock);
    }

    /** The sight checks a request filter makes before a request's body is read. */
    @Produces
    @Singleton
    RequestScopeService requestScope(UnitOfWork tx, Access access) {
        return new RequestScopeService(tx, access);
    }
}
