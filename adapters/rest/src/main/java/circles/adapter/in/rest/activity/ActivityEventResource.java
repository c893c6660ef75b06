package circles.adapter.in.rest.activity;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.activity.IngestActivityUseCase;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;

/**
 * Activity ingestion: a batch of up to 10,000 events for one org, each accepted, ignored as a duplicate or refused
 * on its own. The body is read as a stream (see {@code ActivityBodyLimit} for its size limit).
 */
@Path("/v1/orgs/{orgId}/activity-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ActivityEventResource {
    private final IngestActivityUseCase ingest;

    @Inject
    public ActivityEventResource(IngestActivityUseCase ingest) {
        this.ingest = ingest;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ActivityIngestionResponse ingest(@PathParam("orgId") String orgId, InputStream body) {
        var id = Params.orgId(orgId);
        return ActivityIngestionResponse.of(ingest.ingest(
                new IngestActivityUseCase.Command(id, ActivityEventBodies.read(body))));
    }
}
