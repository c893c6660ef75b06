package circles.bootstrap.apitoken;

import circles.adapter.in.rest.apitoken.TokenScope;
import circles.application.port.in.access.RequestScopeUseCase;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.UUID;

/**
 * A test-only org-scoped read that declares the {@code events:read} scope, as the change feed does: it shows that an
 * API token reaches an operation declaring its scope, in its own org, with its issuer's rights (the org sight check
 * of a real use case), and nowhere else. Not part of the contract.
 */
@Path("/v1/orgs/{orgId}/scoped-probe")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ScopedProbeResource {
    private final RequestScopeUseCase scope;

    @Inject
    public ScopedProbeResource(RequestScopeUseCase scope) {
        this.scope = scope;
    }

    @GET
    @TokenScope(ApiTokenScope.EVENTS_READ)
    public Map<String, String> read(@PathParam("orgId") String orgId) {
        scope.requireOrgInSight(new OrgId(UUID.fromString(orgId)));
        return Map.of("orgId", orgId);
    }
}
