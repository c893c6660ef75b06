package circles.application.port.in;

import circles.application.port.out.MembershipHistory;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;

import java.util.Objects;

/**
 * The history of a dynamic group's members: who joined or left, when and why, newest first. For those who may list
 * the group's members.
 */
public interface ListMembershipEventsUseCase {

    /** Only the events of {@code userId}, only those of {@code cause}: null means any. */
    record Query(GroupId groupId, UserId userId, MembershipHistory.Cause cause) {
        public Query {
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    Page<MembershipHistory.Event> events(Query query, PageRequest page);
}
