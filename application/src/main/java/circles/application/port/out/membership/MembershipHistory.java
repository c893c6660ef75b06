package circles.application.port.out.membership;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The history of a dynamic group's members: every member who was added or removed, when and why. It answers "when and
 * why did X join or leave" and, with {@link DynamicMembersStore#membersAt}, "who was a member at time T".
 */
public interface MembershipHistory {

    /** Whether a change added or removed the member. */
    enum Change { ADDED, REMOVED }

    /** Why the members changed. */
    enum Cause { RULE_CHANGE, DATA_CHANGE, SCHEDULE, MANUAL_REFRESH, OVERRIDE, DEPENDENCY }

    /**
     * One change of the group's members; {@code evaluationId} names the evaluation that made it (null for changes
     * recorded before evaluations had ids).
     */
    record Event(long id, GroupId groupId, UserId userId, Change change, Cause cause, Instant occurredAt,
                 UUID evaluationId) {
        public Event(long id, GroupId groupId, UserId userId, Change change, Cause cause, Instant occurredAt) {
            this(id, groupId, userId, change, cause, occurredAt, null);
        }

        public Event {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }
    }

    /**
     * The group's events, newest first; only those of {@code userId} when it is not null.
     * The cursor continues where the previous page stopped, also while new events arrive.
     */
    default Page<Event> events(GroupId groupId, OrgId orgId, UserId userId, PageRequest page) {
        return events(groupId, orgId, userId, null, page);
    }

    /**
     * The group's events, newest first; only those of {@code userId} and only those of {@code cause} when they are
     * not null. The cursor continues where the previous page stopped, also while new events arrive.
     */
    default Page<Event> events(GroupId groupId, OrgId orgId, UserId userId, Cause cause, PageRequest page) {
        return events(groupId, orgId, userId, cause, null, page);
    }

    /**
     * The group's events, newest first; only those of {@code userId}, of {@code cause} and of the evaluation
     * {@code evaluationId} when they are not null. The cursor continues where the previous page stopped, also
     * while new events arrive.
     */
    Page<Event> events(GroupId groupId, OrgId orgId, UserId userId, Cause cause, UUID evaluationId,
                       PageRequest page);
}
