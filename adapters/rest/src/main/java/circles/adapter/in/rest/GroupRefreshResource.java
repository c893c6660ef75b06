package circles.adapter.in.rest;

import circles.adapter.in.rest.dto.RefreshResponse;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.RefreshGroupUseCase;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A manual refresh of a dynamic group: evaluated synchronously, answered with the new state. */
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
    public RefreshResponse refresh(@PathParam("groupId") String groupId) {
        return RefreshResponse.of(groupId, refresh.refresh(Params.groupId(groupId)));
    }
}
