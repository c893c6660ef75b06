package circles.application.port.in.membership;

import java.util.UUID;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;

import java.util.Objects;

/**
 * The history of a dynamic group's members: who joined or left, when and why, newest first. For those who may list
 * the group's members.
 */
public interface ListMembershipEventsUseCase {

    /** Only the events of {@code userId}, of {@code cause}, of the evaluation {@code evaluationId}: null means any. */
    record Query(GroupId groupId, UserId userId, MembershipHistory.Cause cause, UUID evaluationId) {
        public Query(GroupId groupId, UserId userId, MembershipHistory.Cause cause) {
            this(groupId, userId, cause, null);
        }

        public Query {
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    Page<MembershipHistory.Event> events(Query query, PageRequest page);
}
