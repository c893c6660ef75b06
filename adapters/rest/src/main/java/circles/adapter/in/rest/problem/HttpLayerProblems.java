package circles.adapter.in.rest.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * A request target longer than {@code circles.http.max-uri-length} is answered with a 414 problem document before
 * any operation is matched, instead of the empty 414 of the HTTP connection.
 *
 * <p>The connection reads request lines up to {@code quarkus.http.limits.max-initial-line-length}, set well above
 * the service's own limit so that an over-long target still reaches this check; only a line longer than that is
 * refused by the connection itself, with an empty 414. (A target that is not a valid URI, such as a query with
 * malformed percent-encoding, is refused with an empty 400 by Quarkus' HTTP server before any route runs; it offers
 * no hook to answer it otherwise.)
 */
@ApplicationScoped
public class HttpLayerProblems {
    /** Before every other route, the body limits included. */
    private static final int FIRST = Integer.MIN_VALUE;

    private final int maxUriLength;

    @Inject
    public HttpLayerProblems(@ConfigProperty(name = "circles.http.max-uri-length", defaultValue = "8192")
                             int maxUriLength) {
        this.maxUriLength = maxUriLength;
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::checkLength);
    }

    private void checkLength(RoutingContext context) {
        if (context.request().uri().length() > maxUriLength) {
            answer(context, 414, ProblemType.URI_TOO_LONG, "The request target is longer than " + maxUriLength
                    + " characters.");
            return;
        }
        context.next();
    }

    private static void answer(RoutingContext context, int status, ProblemType type, String detail) {
        String path;
        try {
            path = context.request().path();
        } catch (RuntimeException unreadable) {
            path = null;
        }
        String body = ProblemMapper.body(type, detail, List.of(), path == null || path.length() > 200 ? null : path);
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .end(body);
    }
}
