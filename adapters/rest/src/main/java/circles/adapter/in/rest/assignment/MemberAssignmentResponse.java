package circles.adapter.in.rest.assignment;

import circles.application.port.out.assignment.AssignmentRepository;
import circles.domain.group.GroupId;

import java.util.List;

/** An assignment reaching a user, and the groups of theirs it reaches them through. */
public record MemberAssignmentResponse(AssignmentResponse assignment, List<String> viaGroupIds) {

    public static MemberAssignmentResponse of(AssignmentRepository.Reach reach) {
        return new MemberAssignmentResponse(AssignmentResponse.of(reach.assignment()),
                reach.viaGroupIds().stream().map(GroupId::toString).toList());
    }
}
