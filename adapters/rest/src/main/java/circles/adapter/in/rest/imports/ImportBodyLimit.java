package circles.adapter.in.rest.imports;

import circles.adapter.in.rest.problem.ProblemMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * The body size limit of the member import route. Every other route keeps {@code quarkus.http.limits.max-body-size}
 * (1 MB); an import streams its body, so it may be as large as {@code circles.import.max-body-size} (200 MB by
 * default).
 *
 * <p>Quarkus enforces its global limit in a route of order -2: a declared {@code Content-Length} above it is
 * refused at once; a body without one is counted while the endpoint reads it, against the limit that route leaves
 * in the routing context ({@value #STREAMING_LIMIT}). For the import route only, a route running before it answers
 * a declared length above the import limit with a 413 problem document and otherwise takes the declared length
 * off the request (the connection has parsed it already), and a route running after it replaces the limit left in
 * the context by the import limit. The body is thus always counted against the import limit while it streams.
 */
@ApplicationScoped
public class ImportBodyLimit {
    /** The key under which Quarkus' limit route leaves the limit for bodies read as a stream. */
    static final String STREAMING_LIMIT = "io.quarkus.max-request-size";
    private static final String ROUTE = "/v1/orgs/[^/]+/members/import/?";
    /** Before Quarkus' limit route (-2) and before {@code OversizedBodies} (-3). */
    private static final int BEFORE_LIMITS = -4;
    /** Right after Quarkus' limit route. */
    private static final int AFTER_QUARKUS_LIMIT = -1;

    private final long limit;

    @Inject
    public ImportBodyLimit(@ConfigProperty(name = "circles.import.max-body-size", defaultValue = "200M")
                           MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.routeWithRegex(HttpMethod.POST, ROUTE).order(BEFORE_LIMITS).handler(this::admit);
        router.routeWithRegex(HttpMethod.POST, ROUTE).order(AFTER_QUARKUS_LIMIT).handler(context -> {
            context.put(STREAMING_LIMIT, limit);
            context.next();
        });
    }

    private void admit(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > limit) {
                String body = ProblemMapper.body(413, "payload-too-large", "An import body may have at most "
                        + limit + " bytes (circles.import.max-body-size).", List.of(), context.request().path());
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .endHandler(ended -> context.request().connection().close());
                context.response().end(body);
                return;
            }
            context.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
        }
        context.next();
    }
}
