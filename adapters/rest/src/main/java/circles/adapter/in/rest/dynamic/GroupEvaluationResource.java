package circles.adapter.in.rest.dynamic;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.dynamic.GetGroupEvaluationUseCase;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The evaluation state of a dynamic group: where a refresh running in the background is followed. */
@Path("/v1/groups/{groupId}/evaluation")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupEvaluationResource {
    private final GetGroupEvaluationUseCase evaluations;

    @Inject
    public GroupEvaluationResource(GetGroupEvaluationUseCase evaluations) {
        this.evaluations = evaluations;
    }

    static String path(String groupId) {
        return "/v1/groups/" + groupId + "/evaluation";
    }

    @GET
    public GroupEvaluationResponse evaluation(@PathParam("groupId") String groupId) {
        return GroupEvaluationResponse.of(evaluations.evaluation(Params.groupId(groupId)));
    }
}
