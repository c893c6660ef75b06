package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.membership.GetMeUseCase;
import circles.application.port.in.membership.ListMyGroupsUseCase;
import circles.application.port.in.membership.MemberGroupsFreshness;
import circles.application.port.out.shared.PageRequest;
import io.quarkus.security.Authenticated;
import circles.adapter.in.rest.http.ConditionalGet;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The signed-in caller and their groups. */
@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private final GetMeUseCase getMe;
    private final ListMyGroupsUseCase myGroups;
    private final MemberGroupsFreshness freshness;
    private final KeptMemberGroups kept;

    @Inject
    public MeResource(GetMeUseCase getMe, ListMyGroupsUseCase myGroups, MemberGroupsFreshness freshness,
                      KeptMemberGroups kept) {
        this.getMe = getMe;
        this.myGroups = myGroups;
        this.freshness = freshness;
        this.kept = kept;
    }

    @GET
    public MeResponse me() {
        return MeResponse.of(getMe.me());
    }

    @ConditionalGet
    @GET
    @Path("groups")
    public Response groups(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = Params.page(limit, cursor);
        return Response.ok(kept.answer(freshness.myGroupsKey(page), () -> myGroups.myGroups(page))).build();
    }
}
