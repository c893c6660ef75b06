package circles.adapter.in.rest.dynamic;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.dynamic.EvaluationView;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code Evaluation}: the evaluation state of a dynamic group; {@code staleness} in seconds. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvaluationResponse(String status, String lastComputedAt, Long staleness, String lastError) {

    public static EvaluationResponse of(EvaluationView view) {
        return new EvaluationResponse(view.status(), Wire.time(view.lastComputedAt()), view.stalenessSeconds(),
                view.lastError());
    }
}
