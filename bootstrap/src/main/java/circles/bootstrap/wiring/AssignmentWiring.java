package circles.bootstrap.wiring;

import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.assignment.AssignmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Assignments of groups to work. */
@ApplicationScoped
public class AssignmentWiring {

    @Produces
    @Singleton
    AssignmentService assignmentService(UnitOfWork tx, Access access, AssignmentRepository assignments,
                                        OrgMemberRepository orgMembers, AuditLog audit, Clock clock) {
        return new AssignmentService(tx, access, assignments, orgMembers, audit, clock);
    }
}
