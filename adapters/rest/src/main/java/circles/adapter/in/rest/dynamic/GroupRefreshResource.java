package circles.adapter.in.rest.dynamic;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.dynamic.RefreshGroupUseCase;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * A manual refresh of a dynamic group: answered with the new state when it ran while the caller waited (200), or with
 * the state it started from and where to follow it when it runs in the background (202).
 */
@Path("/v1/groups/{groupId}/refresh")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupRefreshResource {
    private final RefreshGroupUseCase refresh;

    @Inject
    public GroupRefreshResource(RefreshGroupUseCase refresh) {
        this.refresh = refresh;
    }

    @POST
    public Response refresh(@PathParam("groupId") String groupId) {
        return switch (refresh.refresh(Params.groupId(groupId))) {
            case RefreshGroupUseCase.Result done -> Response.ok(RefreshResponse.of(groupId, done)).build();
            case RefreshGroupUseCase.Accepted started -> Response.accepted(GroupEvaluationResponse.of(started.state()))
                    .location(URI.create(GroupEvaluationResource.path(started.state().groupId().toString())))
                    .build();
        };
    }
}
