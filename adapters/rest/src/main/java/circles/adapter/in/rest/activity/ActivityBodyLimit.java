package circles.adapter.in.rest.activity;

import circles.adapter.in.rest.http.RouteBodyLimit;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body size limit of activity ingestion: a batch of 10,000 events is larger than the 1 MB of every other route,
 * so this route takes up to {@code circles.activity.max-body-size} (16 MB by default), read as a stream.
 */
@ApplicationScoped
public class ActivityBodyLimit {
    private static final String ROUTE = "/v1/orgs/[^/]+/activity-events/?";

    private final RouteBodyLimit limit;

    @Inject
    public ActivityBodyLimit(@ConfigProperty(name = "circles.activity.max-body-size", defaultValue = "16M")
                             MemorySize limit) {
        this.limit = new RouteBodyLimit(ROUTE, limit.asLongValue(), "An activity batch may have at most "
                + limit.asLongValue() + " bytes (circles.activity.max-body-size); send smaller batches.");
    }

    void install(@Observes Router router) {
        limit.install(router);
    }
}
