package circles.adapter.out.persistence.sql;

import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.PortFixture;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/** The PostgreSQL adapters as the outbound port contracts see them: the application's own beans. */
@ApplicationScoped
public class PostgresPortFixture {
    @Inject
    UnitOfWork unitOfWork;
    @Inject
    TenantScope tenant;
    @Inject
    Clock clock;
    @Inject
    OrgRepository orgs;
    @Inject
    OrgMemberRepository orgMembers;
    @Inject
    UserRepository users;
    @Inject
    GroupRepository groups;
    @Inject
    MembershipRepository memberships;

    public PortFixture fixture() {
        return new PortFixture(unitOfWork, tenant, clock, orgs, orgMembers, users, groups, memberships);
    }
}
