package circles.adapter.in.rest.dynamic;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.dynamic.SeedDefaultGroupsUseCase;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Re-seeding an org's default groups: the missing ones are created, the others reported as they are. */
@Path("/v1/orgs/{orgId}/default-groups")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DefaultGroupResource {
    private final SeedDefaultGroupsUseCase seed;

    @Inject
    public DefaultGroupResource(SeedDefaultGroupsUseCase seed) {
        this.seed = seed;
    }

    @POST
    public DefaultGroupsResponse seed(@PathParam("orgId") String orgId) {
        return DefaultGroupsResponse.of(seed.seed(Params.orgId(orgId)));
    }
}
