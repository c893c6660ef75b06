package circles.adapter.in.rest.http;

import circles.adapter.in.rest.problem.ProblemMapper;
import circles.adapter.in.rest.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * A body size limit of its own for one POST route whose endpoint reads its body as a stream; every other route
 * keeps {@code quarkus.http.limits.max-body-size}.
 *
 * <p>Quarkus enforces its global limit in a route of order -2: a declared {@code Content-Length} above it is
 * refused at once; a body without one is counted while the endpoint reads it, against the limit that route leaves
 * in the routing context ({@value #STREAMING_LIMIT}). For this route only, a route running before it answers a
 * declared length above this limit with a 413 problem document and otherwise takes the declared length off the
 * request (the connection has parsed it already), and a route running after it replaces the limit left in the
 * context by this one. The body is thus always counted against this limit while it streams.
 */
public final class RouteBodyLimit {
    /** The key under which Quarkus' limit route leaves the limit for bodies read as a stream. */
    static final String STREAMING_LIMIT = "io.quarkus.max-request-size";
    /** Where the declared length taken off the request is kept for later checks ({@link RequestHygiene}). */
    static final String DECLARED_LENGTH = "circles.declared-content-length";
    /** Before Quarkus' limit route (-2) and before {@code OversizedBodies} (-3). */
    private static final int BEFORE_LIMITS = -4;
    /** Right after Quarkus' limit route. */
    private static final int AFTER_QUARKUS_LIMIT = -1;

    private final String route;
    private final long limit;
    private final String refusal;
    private final boolean aboveGlobal;

    /**
     * A limit above the global one, for a route that reads its body as a stream.
     *
     * @param route   a regular expression of the route's path
     * @param refusal the detail of the 413 answer, e.g. "An import body may have at most 10 bytes (setting)."
     */
    public RouteBodyLimit(String route, long limit, String refusal) {
        this(route, limit, refusal, true);
    }

    private RouteBodyLimit(String route, long limit, String refusal, boolean aboveGlobal) {
        this.route = route;
        this.limit = limit;
        this.refusal = refusal;
        this.aboveGlobal = aboveGlobal;
    }

    /**
     * A limit below the global one: a declared length above it is refused the same way, but stays on the request,
     * since Quarkus' own check can only agree with it.
     */
    public static RouteBodyLimit belowGlobal(String route, long limit, String refusal) {
        return new RouteBodyLimit(route, limit, refusal, false);
    }

    public void install(Router router) {
        router.routeWithRegex(HttpMethod.POST, route).order(BEFORE_LIMITS).handler(this::admit);
        router.routeWithRegex(HttpMethod.POST, route).order(AFTER_QUARKUS_LIMIT).handler(context -> {
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
                String body = ProblemMapper.body(ProblemType.PAYLOAD_TOO_LARGE, refusal, List.of(),
                        context.request().path());
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .endHandler(ended -> context.request().connection().close());
                context.response().end(body);
                return;
            }
            if (aboveGlobal) {
                context.put(DECLARED_LENGTH, declared);
                context.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
            }
        }
        context.next();
    }
}
