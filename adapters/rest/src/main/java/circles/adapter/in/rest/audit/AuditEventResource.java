package circles.adapter.in.rest.audit;

import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.audit.ListAuditEventsUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.domain.shared.InvalidInput;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

@Path("/v1/orgs/{orgId}/audit-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {
    private final ListAuditEventsUseCase listEvents;

    @Inject
    public AuditEventResource(ListAuditEventsUseCase listEvents) {
        this.listEvents = listEvents;
    }

    @GET
    public PageResponse<AuditEventResponse> list(@PathParam("orgId") String orgId,
                                                 @QueryParam("targetId") String targetId,
                                                 @QueryParam("actorId") String actorId,
                                                 @QueryParam("action") String action,
                                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                                 @QueryParam("limit") String limit,
                                                 @QueryParam("cursor") String cursor) {
        Instant since = Params.time("from", from);
        Instant until = Params.time("to", to);
        if (since != null && until != null && since.isAfter(until)) {
            throw new InvalidInput("from", "must not be after to");
        }
        AuditLog.Query query = new AuditLog.Query(Params.orgId(orgId), Params.text("targetId", targetId, 255),
                Params.text("actorId", actorId, 255), Params.text("action", action, 100), since, until);
        return PageResponse.of(listEvents.list(query, Params.page(limit, cursor)), AuditEventResponse::of);
    }
}
