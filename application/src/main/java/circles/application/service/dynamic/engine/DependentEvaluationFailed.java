package circles.application.service.dynamic.engine;

import circles.domain.group.GroupId;

/** Re-evaluating a group that reads the evaluated group through {@code member_of} failed. */
public final class DependentEvaluationFailed extends RuntimeException {
    private final GroupId dependent;

    DependentEvaluationFailed(GroupId dependent, RuntimeException cause) {
        super("re-evaluating group " + dependent + ", which reads this group through member_of, failed", cause);
        this.dependent = dependent;
    }

    public GroupId dependent() {
        return dependent;
    }
}
