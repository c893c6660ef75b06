package circles.adapter.in.rest.org;

import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.Created;
import circles.adapter.in.rest.http.ETags;
import circles.adapter.in.rest.http.IdempotentCreates;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.adapter.in.rest.http.Responses;
import circles.application.port.in.org.CreateOrgUseCase;
import circles.application.port.in.org.GetOrgUseCase;
import circles.application.port.in.org.ListOrgsUseCase;
import circles.application.port.in.org.UpdateOrgUseCase;
import circles.domain.org.OrgId;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/v1/orgs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class OrgResource {
    private static final int Q_MAX = 200;

    private final CreateOrgUseCase createOrg;
    private final ListOrgsUseCase listOrgs;
    private final GetOrgUseCase getOrg;
    private final UpdateOrgUseCase updateOrg;
    private final IdempotentCreates creates;

    @Inject
    public OrgResource(CreateOrgUseCase createOrg, ListOrgsUseCase listOrgs, GetOrgUseCase getOrg,
                       UpdateOrgUseCase updateOrg, IdempotentCreates creates) {
        this.createOrg = createOrg;
        this.listOrgs = listOrgs;
        this.getOrg = getOrg;
        this.updateOrg = updateOrg;
        this.creates = creates;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, String body,
                           @Context UriInfo uri) {
        JsonNode json = JsonBodies.parse(body);
        CreateOrgUseCase.Command command = OrgRequests.create(BodyObject.of(json, ""));
        return creates.create(idempotencyKey, "POST /v1/orgs", uri, json,
                location -> getOrg.get(Params.orgId(IdempotentCreates.lastSegment(location))), () -> {
            OrgResponse org = OrgResponse.of(createOrg.create(command));
            return new Created("/v1/orgs/" + org.id(), org);
        });
    }

    @GET
    public PageResponse<OrgResponse> list(@QueryParam("q") String q, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        return PageResponse.of(listOrgs.list(Params.text("q", q, Q_MAX), Params.page(limit, cursor)),
                OrgResponse::of);
    }

    @GET
    @Path("{orgId}")
    public Response get(@PathParam("orgId") String orgId) {
        OrgResponse org = OrgResponse.of(getOrg.get(Params.orgId(orgId)));
        return Responses.ok(org, org.version());
    }

    @PATCH
    @Path("{orgId}")
    @Consumes({Responses.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("orgId") String orgId, @HeaderParam(ETags.IF_MATCH) String ifMatch,
                           String body) {
        OrgId id = Params.orgId(orgId);
        Long expected = ETags.expectedVersion(ifMatch);
        OrgResponse org = OrgResponse.of(updateOrg.update(OrgRequests.update(id, expected, JsonBodies.object(body))));
        return Responses.ok(org, org.version());
    }
}
