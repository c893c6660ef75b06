package circles.application.port.in.dynamic;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;

import java.util.List;

/**
 * Tells, criterion by criterion, why a user is or is not a member of a dynamic group, with the group's overrides
 * taken into account (exclude > include > rule). Those who manage the group's settings may ask about anyone, a user
 * about themselves.
 */
public interface ExplainMembershipUseCase {

    /** One node of the rule: a JSON pointer into the canonical rule, the criterion key or all/any/not. */
    record Node(String path, String criterion, boolean matched, String detail) {
    }

    record Explanation(boolean member, String reason, List<Node> criteria) {
        public Explanation {
            criteria = List.copyOf(criteria);
        }
    }

    Explanation explain(GroupId groupId, UserId userId);
}
