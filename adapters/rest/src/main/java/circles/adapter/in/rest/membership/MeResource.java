package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.membership.GetMeUseCase;
import circles.application.port.in.membership.ListMyGroupsUseCase;
import io.quarkus.security.Authenticated;
import circles.adapter.in.rest.http.ConditionalGet;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The signed-in caller and their groups. */
@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private final GetMeUseCase getMe;
    private final ListMyGroupsUseCase myGroups;

    @Inject
    public MeResource(GetMeUseCase getMe, ListMyGroupsUseCase myGroups) {
        this.getMe = getMe;
        this.myGroups = myGroups;
    }

    @GET
    public MeResponse me() {
        return MeResponse.of(getMe.me());
    }

    @ConditionalGet
    @GET
    @Path("groups")
    public PageResponse<MyGroupResponse> groups(@QueryParam("limit") String limit,
                                                @QueryParam("cursor") String cursor) {
        return PageResponse.of(myGroups.myGroups(Params.page(limit, cursor)), MyGroupResponse::of);
    }
}
