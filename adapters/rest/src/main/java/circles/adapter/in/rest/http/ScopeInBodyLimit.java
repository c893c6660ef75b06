package circles.adapter.in.rest.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body limit of the operations whose scope is in their body rather than in their path ({@code POST /v1/orgs},
 * {@code POST /v1/groups} with its {@code orgId} or {@code parentId}): no right to an org or group can be checked
 * before such a body is read, so it is kept small, {@code circles.http.scope-in-body-max-size} (64 KiB by default),
 * and a declared length above it is a 413 {@code payload-too-large} before any byte is read. See
 * {@link RouteBodyLimit} for how.
 */
@ApplicationScoped
public class ScopeInBodyLimit {
    private static final String ROUTES = "/v1/(orgs|groups)/?";

    private final RouteBodyLimit limit;

    @Inject
    public ScopeInBodyLimit(@ConfigProperty(name = "circles.http.scope-in-body-max-size", defaultValue = "64K")
                            MemorySize limit) {
        this.limit = RouteBodyLimit.belowGlobal(ROUTES, limit.asLongValue(), "This operation takes a body of at most "
                + limit.asLongValue() + " bytes (circles.http.scope-in-body-max-size).");
    }

    void install(@Observes Router router) {
        limit.install(router);
    }
}
