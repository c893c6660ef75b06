package circles.adapter.in.rest.apitoken;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.apitoken.IssueApiTokenUseCase;
import circles.application.port.in.apitoken.ListApiTokensUseCase;
import circles.application.port.in.apitoken.RevokeApiTokenUseCase;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;
import circles.domain.shared.RuleViolation;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API tokens of an org, for its admins and it_admins. The secret of a token is in the answer to its creation
 * only; creation takes no Idempotency-Key, because a replayed answer would have to keep the secret. No operation
 * here declares a token scope: a token never manages tokens.
 */
@Path("/v1/orgs/{orgId}/api-tokens")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokenResource {
    private static final int SCOPES_MAX = 20;
    private static final String SCOPE_CHOICES = Arrays.stream(ApiTokenScope.values()).map(ApiTokenScope::wire)
            .collect(Collectors.joining(", "));

    private final IssueApiTokenUseCase issueToken;
    private final ListApiTokensUseCase listTokens;
    private final RevokeApiTokenUseCase revokeToken;

    @Inject
    public ApiTokenResource(IssueApiTokenUseCase issueToken, ListApiTokensUseCase listTokens,
                            RevokeApiTokenUseCase revokeToken) {
        this.issueToken = issueToken;
        this.listTokens = listTokens;
        this.revokeToken = revokeToken;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@PathParam("orgId") String orgId, String body) {
        OrgId id = Params.orgId(orgId);
        BodyObject json = JsonBodies.object(body);
        IssueApiTokenUseCase.Command command = new IssueApiTokenUseCase.Command(id,
                Bodies.required(json.text("name"), json, "name"),
                scopes(Bodies.required(json.texts("scopes"), json, "scopes"), json),
                json.time("expiresAt"));
        IssuedApiTokenResponse issued = IssuedApiTokenResponse.of(issueToken.issue(command));
        return Response.created(URI.create("/v1/orgs/" + id + "/api-tokens/" + issued.id()))
                .header("Cache-Control", "no-store")
                .entity(issued)
                .build();
    }

    @GET
    public PageResponse<ApiTokenResponse> list(@PathParam("orgId") String orgId, @QueryParam("limit") String limit,
                                               @QueryParam("cursor") String cursor) {
        return PageResponse.of(listTokens.list(Params.orgId(orgId), Params.page(limit, cursor)),
                ApiTokenResponse::of);
    }

    @GET
    @Path("{tokenId}")
    public ApiTokenResponse get(@PathParam("orgId") String orgId, @PathParam("tokenId") String tokenId) {
        return ApiTokenResponse.of(listTokens.get(Params.orgId(orgId), Params.uuid("tokenId", tokenId)));
    }

    @DELETE
    @Path("{tokenId}")
    public Response revoke(@PathParam("orgId") String orgId, @PathParam("tokenId") String tokenId) {
        revokeToken.revoke(Params.orgId(orgId), Params.uuid("tokenId", tokenId));
        return Response.noContent().build();
    }

    /** The scopes as their wire names ({@code events:read}); an unknown one is a 422 naming its index. */
    private static Set<ApiTokenScope> scopes(List<String> names, BodyObject json) {
        if (names.size() > SCOPES_MAX) {
            throw RuleViolation.invalidField(json.field("scopes"), "must name at most " + SCOPES_MAX + " scopes");
        }
        Set<ApiTokenScope> scopes = EnumSet.noneOf(ApiTokenScope.class);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            scopes.add(ApiTokenScope.ofWire(names.get(i)).orElseThrow(() -> RuleViolation.invalidField(
                    json.field("scopes") + "[" + index + "]", "must be one of " + SCOPE_CHOICES)));
        }
        return scopes;
    }
}
