package circles.bootstrap.wiring;

import circles.application.service.event.PublicEvents;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.AnswerStamps;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.membership.GroupMembershipService;
import circles.application.service.membership.MemberGroupsService;
import circles.application.service.membership.MembershipHistoryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Memberships: joining and leaving groups, a member's groups and the membership history. */
@ApplicationScoped
public class MembershipWiring {

    @Produces
    @Singleton
    GroupMembershipService groupMembershipService(UnitOfWork tx, Access access, MembershipRepository memberships,
                                                  OrgMemberRepository orgMembers, UserRepository users,
                                                  AuditLog audit, Clock clock,
                                                  DynamicMembersStore dynamicMembers, DirectoryEvents events,
                                                  PublicEvents publicEvents) {
        return new GroupMembershipService(tx, access, memberships, orgMembers, users, audit, clock, dynamicMembers,
                events, publicEvents);
    }

    @Produces
    @Singleton
    MembershipHistoryService membershipHistoryService(UnitOfWork tx, Access access, MembershipHistory history,
                                                      DynamicMembersStore dynamicMembers, Clock clock) {
        return new MembershipHistoryService(tx, access, history, dynamicMembers, clock);
    }

    @Produces
    @Singleton
    MemberGroupsService memberGroupsService(UnitOfWork tx, Access access, OrgMemberRepository orgMembers,
                                            MembershipRepository memberships, AnswerStamps stamps,
                                            Clock clock) {
        return new MemberGroupsService(tx, access, orgMembers, memberships, stamps, clock);
    }
}
