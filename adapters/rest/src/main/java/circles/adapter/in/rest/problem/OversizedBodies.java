package circles.adapter.in.rest.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Answers a request whose declared {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} with a
 * 413 problem document (a SCIM error on SCIM routes). It runs just before Quarkus' own check, which would answer 413
 * without a body; a body sent without a length is counted while it is read ({@code StreamedBodyLimit}).
 */
@ApplicationScoped
public class OversizedBodies {
    /** Quarkus enforces the limit at route order -2. */
    private static final int BEFORE_QUARKUS_LIMIT = -3;

    private final Optional<MemorySize> limit;

    @Inject
    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(BEFORE_QUARKUS_LIMIT)
                .handler(context -> check(context, max.asLongValue())));
    }

    private static void check(RoutingContext context, long max) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !declaredAbove(length, max)) {
            context.next();
            return;
        }
        String detail = "The request body exceeds " + max + " bytes.";
        boolean scim = HttpLayerProblems.isScim(context.request().path());
        String body = scim ? HttpLayerProblems.scimError(413, detail)
                : ProblemMapper.body(ProblemType.PAYLOAD_TOO_LARGE, detail, List.of(), context.request().path());
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, scim ? HttpLayerProblems.SCIM_JSON : ProblemMapper.PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ended -> context.request().connection().close());
        context.response().end(body);
    }

    private static boolean declaredAbove(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
