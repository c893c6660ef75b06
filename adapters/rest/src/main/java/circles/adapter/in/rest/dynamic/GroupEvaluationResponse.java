package circles.adapter.in.rest.dynamic;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.dynamic.GroupEvaluationView;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GroupEvaluation}: the evaluation block of a dynamic group with its member count and schedule;
 * {@code evaluationStartedAt} is set while an evaluation runs.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupEvaluationResponse(String groupId, EvaluationResponse evaluation, long memberCount,
                                      int refreshIntervalMinutes, String nextRefreshAt, String evaluationStartedAt) {

    public static GroupEvaluationResponse of(GroupEvaluationView view) {
        return new GroupEvaluationResponse(view.groupId().toString(), EvaluationResponse.of(view.evaluation()),
                view.memberCount(), view.refreshIntervalMinutes(), Wire.time(view.nextRefreshAt()),
                Wire.time(view.evaluationStartedAt()));
    }
}
