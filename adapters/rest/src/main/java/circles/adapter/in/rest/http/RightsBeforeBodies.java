package circles.adapter.in.rest.http;

import circles.adapter.in.rest.activity.ActivityEventResource;
import circles.application.port.in.access.RequestScopeUseCase;
import circles.application.port.in.activity.IngestActivityUseCase;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Set;

/**
 * Checks the caller's right to the org or group named in the path of a request that may carry a body, once the
 * request is matched to an operation and before its body is read. A caller who may not know the group
 * ({@code /v1/groups/{groupId}/...}) or the org ({@code /v1/orgs/{orgId}/...}) gets its 404 without the service
 * reading, parsing or buffering what they sent; activity ingestion, whose senders need not be org members, asks the
 * ingestion right itself here (404 or 403). Finer rights (403 for a member who lacks the right to an action) are
 * still decided by each use case, so the status of every refusal stays what it was.
 */
public final class RightsBeforeBodies {
    /** After {@link RequestHygiene}: a NUL in a path parameter or a body without a type is refused first. */
    private static final int AFTER_HYGIENE = Priorities.USER + 200;
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final RequestScopeUseCase scope;
    private final IngestActivityUseCase activity;

    @Inject
    public RightsBeforeBodies(RequestScopeUseCase scope, IngestActivityUseCase activity) {
        this.scope = scope;
        this.activity = activity;
    }

    @ServerRequestFilter(priority = AFTER_HYGIENE)
    public void check(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (!WITH_BODY.contains(request.getMethod())) {
            return;
        }
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        String groupId = path.getFirst("groupId");
        String orgId = path.getFirst("orgId");
        if (groupId != null) {
            scope.requireGroupInSight(Params.groupId(groupId));
        } else if (orgId != null && resource != null && resource.getResourceClass() == ActivityEventResource.class) {
            activity.requireIngestRight(Params.orgId(orgId));
        } else if (orgId != null) {
            scope.requireOrgInSight(Params.orgId(orgId));
        }
    }
}
