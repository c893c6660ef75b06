package circles.adapter.in.rest.rule;

import circles.application.port.in.rule.ListCriterionTypesUseCase.CriterionTypeView;
import com.fasterxml.jackson.databind.JsonNode;

/** A criterion type for UIs: {@code schema} is the JSON Schema of its configuration. */
public record CriterionTypeResponse(String key, String title, String description, JsonNode schema) {

    public static CriterionTypeResponse of(CriterionTypeView type, JsonNode schema) {
        return new CriterionTypeResponse(type.key(), type.title(), type.description(), schema);
    }
}
