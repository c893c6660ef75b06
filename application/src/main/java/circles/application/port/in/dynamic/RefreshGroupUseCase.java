package circles.application.port.in.dynamic;

import circles.domain.group.GroupId;

/**
 * Re-evaluates a dynamic group now (a manual refresh): its rule over the org, then its overrides, written to the
 * member snapshot as a difference, then the groups that read it through {@code member_of}. Those who manage the
 * group's settings may refresh it; a static or archived group is refused, and so is a group being evaluated right
 * now (a conflict). Groups of small orgs are evaluated while the caller waits; groups of orgs larger than the
 * configured limit are evaluated in the background, and the caller follows {@link GetGroupEvaluationUseCase}.
 * An evaluation that fails leaves the members as they were and marks the group's evaluation failed; the caller
 * gets the domain exception itself or an {@link EvaluationFailed}.
 */
public interface RefreshGroupUseCase {

    /** What a refresh request led to. */
    sealed interface Outcome permits Result, Accepted {
    }

    /** The refresh is done: the evaluation state after it, the member count and what changed. */
    record Result(EvaluationView evaluation, long memberCount, int added, int removed, long unchanged)
            implements Outcome {
    }

    /** The refresh runs in the background; {@code state} is the group's evaluation as it started. */
    record Accepted(GroupEvaluationView state) implements Outcome {
    }

    Outcome refresh(GroupId groupId);
}
