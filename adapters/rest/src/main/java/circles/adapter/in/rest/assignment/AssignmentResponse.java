package circles.adapter.in.rest.assignment;

import circles.adapter.in.rest.http.Wire;
import circles.domain.group.Assignment;

public record AssignmentResponse(String id, String groupId, String resourceType, String resourceId,
                                 String assignedBy, String assignedAt) {

    public static AssignmentResponse of(Assignment assignment) {
        return new AssignmentResponse(assignment.id().toString(), assignment.groupId().toString(),
                assignment.resourceType(), assignment.resourceId(), Wire.text(assignment.assignedBy()),
                Wire.time(assignment.assignedAt()));
    }
}
