package circles.adapter.in.rest.rule;

import circles.adapter.in.rest.http.ItemsResponse;
import circles.application.port.in.rule.ListCriterionTypesUseCase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The criterion types rules may use, with the JSON Schema of each configuration, for UIs that build rules. */
@Path("/v1/criterion-types")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CriterionTypeResource {
    private final ListCriterionTypesUseCase criterionTypes;
    private final ObjectMapper json;

    @Inject
    public CriterionTypeResource(ListCriterionTypesUseCase criterionTypes, ObjectMapper json) {
        this.criterionTypes = criterionTypes;
        this.json = json;
    }

    @GET
    public ItemsResponse<CriterionTypeResponse> list() {
        return new ItemsResponse<>(criterionTypes.listCriterionTypes().stream()
                .map(type -> CriterionTypeResponse.of(type, schema(type.schema())))
                .toList());
    }

    private JsonNode schema(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a criterion type publishes a schema that is not JSON", e);
        }
    }
}
