package circles.application.port.in.dynamic;

import circles.domain.group.GroupId;

import java.time.Instant;

/**
 * The evaluation state of a dynamic group as a resource of its own: the evaluation block, the member count of the
 * last computed snapshot, the schedule ({@code nextRefreshAt} null when none is due) and, while an evaluation runs,
 * when it started.
 */
public record GroupEvaluationView(GroupId groupId, EvaluationView evaluation, long memberCount,
                                  int refreshIntervalMinutes, Instant nextRefreshAt, Instant evaluationStartedAt) {
}
