package circles.adapter.in.rest.dynamic;

import circles.application.port.in.dynamic.RefreshGroupUseCase;

/** {@code GroupRefresh}: the evaluation state after a refresh, the member count and what changed. */
public record RefreshResponse(String groupId, EvaluationResponse evaluation, long memberCount, int added,
                              int removed, long unchanged) {

    public static RefreshResponse of(String groupId, RefreshGroupUseCase.Result result) {
        return new RefreshResponse(groupId, EvaluationResponse.of(result.evaluation()), result.memberCount(),
                result.added(), result.removed(), result.unchanged());
    }
}
