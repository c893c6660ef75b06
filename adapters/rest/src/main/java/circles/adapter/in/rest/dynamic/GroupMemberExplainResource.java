package circles.adapter.in.rest.dynamic;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.dynamic.ExplainMembershipUseCase;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Why a user is or is not a member of a dynamic group. */
@Path("/v1/groups/{groupId}/members/{userId}/explain")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupMemberExplainResource {
    private final ExplainMembershipUseCase explain;

    @Inject
    public GroupMemberExplainResource(ExplainMembershipUseCase explain) {
        this.explain = explain;
    }

    @GET
    public ExplanationResponse explain(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        return ExplanationResponse.of(explain.explain(Params.groupId(groupId), Params.userId(userId)));
    }
}
