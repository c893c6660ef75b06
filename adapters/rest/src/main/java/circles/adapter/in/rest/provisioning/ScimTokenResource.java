package circles.adapter.in.rest.provisioning;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.provisioning.CreateScimTokenUseCase;
import circles.application.port.in.provisioning.ListScimTokensUseCase;
import circles.application.port.in.provisioning.RevokeScimTokenUseCase;
import circles.domain.org.OrgId;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The SCIM tokens of an org, for its admins. The secret of a token is in the answer to its creation only; creation
 * takes no Idempotency-Key, because a replayed answer would have to keep the secret.
 */
@Path("/v1/orgs/{orgId}/scim-tokens")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ScimTokenResource {
    private final CreateScimTokenUseCase createToken;
    private final ListScimTokensUseCase listTokens;
    private final RevokeScimTokenUseCase revokeToken;

    @Inject
    public ScimTokenResource(CreateScimTokenUseCase createToken, ListScimTokensUseCase listTokens,
                             RevokeScimTokenUseCase revokeToken) {
        this.createToken = createToken;
        this.listTokens = listTokens;
        this.revokeToken = revokeToken;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("orgId") String orgId, String body) {
        OrgId id = Params.orgId(orgId);
        BodyObject json = JsonBodies.object(body);
        CreateScimTokenUseCase.Command command = new CreateScimTokenUseCase.Command(id,
                Bodies.required(json.text("name"), json, "name"), json.time("expiresAt"));
        IssuedScimTokenResponse issued = IssuedScimTokenResponse.of(createToken.create(command));
        return Response.created(URI.create("/v1/orgs/" + id + "/scim-tokens/" + issued.id()))
                .header("Cache-Control", "no-store")
                .entity(issued)
                .build();
    }

    @GET
    public PageResponse<ScimTokenResponse> list(@PathParam("orgId") String orgId, @QueryParam("limit") String limit,
                                                @QueryParam("cursor") String cursor) {
        return PageResponse.of(listTokens.list(Params.orgId(orgId), Params.page(limit, cursor)),
                ScimTokenResponse::of);
    }

    @DELETE
    @Path("{tokenId}")
    public Response revoke(@PathParam("orgId") String orgId, @PathParam("tokenId") String tokenId) {
        revokeToken.revoke(Params.orgId(orgId), Params.uuid("tokenId", tokenId));
        return Response.noContent().build();
    }
}
