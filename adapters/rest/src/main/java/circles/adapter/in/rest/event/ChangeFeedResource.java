package circles.adapter.in.rest.event;

import circles.adapter.in.rest.apitoken.TokenScope;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.feed.ReadChangeFeedUseCase;
import circles.application.port.out.shared.PageRequest;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.shared.InvalidInput;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The change feed of an org: its public events (CloudEvents) in order, from a cursor. The rights are the use
 * case's, checked before the cursor or the type filter is interpreted. Org API tokens holding {@code events:read}
 * read it with their issuer's rights.
 */
@Path("/v1/orgs/{orgId}/events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChangeFeedResource {
    private final ReadChangeFeedUseCase feed;

    @Inject
    public ChangeFeedResource(ReadChangeFeedUseCase feed) {
        this.feed = feed;
    }

    @GET
    @TokenScope(ApiTokenScope.EVENTS_READ)
    public ChangeFeedResponse read(@PathParam("orgId") String orgId, @QueryParam("after") String after,
                                   @QueryParam("types") String types, @QueryParam("limit") String limit) {
        var query = new ReadChangeFeedUseCase.Query(Params.orgId(orgId), after,
                types == null ? null : Params.text("types", types, 2000), limit(limit));
        return ChangeFeedResponse.of(feed.read(query));
    }

    private static int limit(String raw) {
        if (raw == null) {
            return PageRequest.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= PageRequest.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidInput("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
    }
}
