package circles.application.service.assignment;

import circles.application.port.in.assignment.AddAssignmentUseCase;
import circles.application.port.in.assignment.ListGroupAssignmentsUseCase;
import circles.application.port.in.assignment.ListMemberAssignmentsUseCase;
import circles.application.port.in.assignment.RemoveAssignmentUseCase;
import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.domain.access.GroupAccess;
import circles.domain.access.OrgAccess;
import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

public final class AssignmentService implements AddAssignmentUseCase, ListGroupAssignmentsUseCase,
        RemoveAssignmentUseCase, ListMemberAssignmentsUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final AssignmentRepository assignments;
    private final OrgMemberRepository orgMembers;
    private final Audit audit;
    private final Clock clock;

    public AssignmentService(UnitOfWork tx, Access access, AssignmentRepository assignments,
                             OrgMemberRepository orgMembers, AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.assignments = assignments;
        this.orgMembers = orgMembers;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public Assignment assign(GroupId groupId, String resourceType, String resourceId) {
        return tx.inTransaction(() -> {
            GroupAccess caller = access.requireSettingsRight(groupId);
            Assignment assignment = Assignment.assign(caller.group(), resourceType, resourceId,
                    caller.actor().userId(), clock.instant());
            if (assignments.exists(groupId, assignment.resourceType(), assignment.resourceId())) {
                throw new Conflict("assignment-exists", assignment.resourceType() + " " + assignment.resourceId()
                        + " is assigned to group " + groupId + " already");
            }
            assignments.save(assignment);
            audit.record(caller.actor(), caller.group().orgIdOrNull(), "assignment.added", "group", groupId,
                    Map.of("resourceType", assignment.resourceType(), "resourceId", assignment.resourceId()));
            return assignment;
        });
    }

    @Override
    public Page<Assignment> list(GroupId groupId, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireVisible(groupId);
            return assignments.list(groupId, page);
        });
    }

    @Override
    public void remove(GroupId groupId, UUID assignmentId) {
        tx.run(() -> {
            GroupAccess caller = access.requireSettingsRight(groupId);
            // A dynamic group never carries content: refused before the assignment is looked up, like an assignment.
            caller.group().requireStatic("removing content assignments");
            Assignment assignment = assignments.find(groupId, assignmentId)
                    .orElseThrow(() -> new NotFound("assignment", assignmentId));
            assignments.delete(assignmentId);
            audit.record(caller.actor(), caller.group().orgIdOrNull(), "assignment.removed", "group", groupId,
                    Map.of("resourceType", assignment.resourceType(), "resourceId", assignment.resourceId()));
        });
    }

    @Override
    public Page<AssignmentRepository.Reach> assignments(OrgId orgId, UserId userId, PageRequest page) {
        return tx.inTransaction(() -> {
            requireSelfOrAdmin(access, orgId, userId);
            // Like the member's other sub-resources: someone who is not a member of this org is not found here.
            if (orgMembers.find(orgId, userId).isEmpty()) {
                throw new NotFound("org-member", userId);
            }
            return assignments.reaching(orgId, userId, clock.instant(), page);
        });
    }

    /** Questions about one member are for that member and the org's admins. */
    public static OrgAccess requireSelfOrAdmin(Access access, OrgId orgId, UserId userId) {
        OrgAccess caller = access.requireOrgMember(orgId);
        if (!caller.administers() && !caller.actor().userId().equals(userId)) {
            throw new NotAllowed("only org admins and the member themselves may see this");
        }
        return caller;
    }
}
