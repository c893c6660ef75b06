package circles.application.port.in.dynamic;

import circles.domain.group.GroupId;

/**
 * The evaluation state of a dynamic group, e.g. to follow a refresh running in the background. Anyone who sees the
 * group may read it (the same block is part of the group); a static group has none.
 */
public interface GetGroupEvaluationUseCase {
    GroupEvaluationView evaluation(GroupId groupId);
}
