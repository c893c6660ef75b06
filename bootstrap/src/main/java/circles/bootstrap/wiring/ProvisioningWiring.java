package circles.bootstrap.wiring;

import circles.application.service.event.PublicEvents;
import circles.application.port.out.actor.ActorOverride;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.provisioning.ProvisionedGroupRepository;
import circles.application.port.out.provisioning.ProvisionedUserRepository;
import circles.application.port.out.provisioning.ScimTokenRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.provisioning.ScimGroupService;
import circles.application.service.provisioning.ScimTokenService;
import circles.application.service.provisioning.ScimUserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Provisioning by SCIM: its tokens, users and groups. */
@ApplicationScoped
public class ProvisioningWiring {

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
                                    ReportingLines reportingLines, DirectoryEvents events, AuditLog audit, Clock clock) {
        return new ScimUserService(tx, access, orgMembers, provisioned, users, groups, memberships, reportingLines,
                events, audit, clock);
    }

    @Produces
    @Singleton
    ScimGroupService scimGroupService(UnitOfWork tx, Access access, GroupRepository groups,
                                      ProvisionedGroupRepository provisioned, AuditLog audit, Clock clock,
                                      PublicEvents events) {
        return new ScimGroupService(tx, access, groups, provisioned, audit, clock, events);
    }
}
