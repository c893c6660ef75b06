package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.RouteBodyLimit;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body size limit of the member import route. Every other route keeps {@code quarkus.http.limits.max-body-size}
 * (1 MB); an import streams its body, so it may be as large as {@code circles.import.max-body-size} (200 MB by
 * default). See {@link RouteBodyLimit} for how.
 */
@ApplicationScoped
public class ImportBodyLimit {
    private static final String ROUTE = "/v1/orgs/[^/]+/members/import/?";

    private final RouteBodyLimit limit;

    @Inject
    public ImportBodyLimit(@ConfigProperty(name = "circles.import.max-body-size", defaultValue = "200M")
                           MemorySize limit) {
        this.limit = new RouteBodyLimit(ROUTE, limit.asLongValue(), "An import body may have at most "
                + limit.asLongValue() + " bytes (circles.import.max-body-size).");
    }

    void install(@Observes Router router) {
        limit.install(router);
    }
}
