package circles.application.port.in;

import circles.domain.group.GroupId;

/**
 * Re-evaluates a dynamic group now (a manual refresh): its rule over the org, then its overrides, written to the
 * member snapshot as a difference. Those who manage the group's settings may refresh it; a static group is refused.
 */
public interface RefreshGroupUseCase {

    /** The evaluation state after the refresh, the member count and what changed. */
    record Result(EvaluationView evaluation, long memberCount, int added, int removed, long unchanged) {
    }

    Result refresh(GroupId groupId);
}
