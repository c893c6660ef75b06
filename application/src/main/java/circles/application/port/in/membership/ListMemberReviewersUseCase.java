package circles.application.port.in.membership;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.util.List;

/** Review routing: the reviewers assigned to the groups a member effectively belongs to. */
public interface ListMemberReviewersUseCase {
    List<Reviewer> reviewers(OrgId orgId, UserId userId);

    record Reviewer(UserId reviewerId, GroupId groupId, String groupName) {
    }
}
