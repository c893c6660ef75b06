package circles.adapter.in.rest.problem;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Refusals of the request target answered with a problem document before any operation is matched, instead of the
 * empty answers of the HTTP connection:
 * <ul>
 *   <li>a target longer than {@code circles.http.max-uri-length} is a 414 {@code uri-too-long}. The connection reads
 *       request lines up to {@code quarkus.http.limits.max-initial-line-length}, set well above the service's own
 *       limit so that an over-long target still reaches this check; only a line longer than that is refused by the
 *       connection itself, with an empty 414 (Vert.x answers a line its decoder gives up on before any handler of
 *       the application can run, and Quarkus offers no way to set the server's handler for such requests);</li>
 *   <li>a target that is not a valid URI (malformed percent-encoding such as {@code cursor=%%%}, a character that
 *       must be escaped) is a 400 {@code bad-request}, before anything decodes it. Quarkus' HTTP server checks this
 *       itself, with an empty 400, unless the system property {@value #NO_SERVER_URI_CHECK} is true; the
 *       application sets it before it starts ({@code CirclesMain}, and the test configuration), so that this check
 *       answers instead.</li>
 * </ul>
 * On {@code /scim/} paths the answer is a SCIM error document.
 */
@ApplicationScoped
public class HttpLayerProblems {
    /** The system property that leaves the URI check to this class (read by Quarkus when its server starts). */
    public static final String NO_SERVER_URI_CHECK = "vertx.disableURIValidation";
    private static final String SCIM_ROOT = "/scim/";
    private static final String SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String SCIM_JSON = "application/scim+json";
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
        String target = context.request().uri();
        if (target.length() > maxUriLength) {
            answer(context, 414, ProblemType.URI_TOO_LONG, "The request target is longer than " + maxUriLength
                    + " characters.");
            return;
        }
        try {
            new URI(target);
        } catch (URISyntaxException invalid) {
            answer(context, 400, ProblemType.BAD_REQUEST, "The request target is not a valid URI ("
                    + invalid.getReason() + " at index " + invalid.getIndex() + "); a '%' that is not part of an"
                    + " escape is sent as %25.");
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
        if (isScim(path)) {
            context.response()
                    .setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, SCIM_JSON)
                    .end(scimError(status, detail));
            return;
        }
        String body = ProblemMapper.body(type, detail, List.of(), path == null || path.length() > 200
                || !isValid(path) ? null : path);
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .end(body);
    }

    /** Whether {@code path} (with or without its leading slash) is a SCIM route, whose refusals are SCIM errors. */
    static boolean isScim(String path) {
        return path != null && (path.startsWith(SCIM_ROOT) || path.startsWith(SCIM_ROOT.substring(1)));
    }

    /** A SCIM error document (RFC 7644, section 3.12); a 400 is an {@code invalidValue}. */
    static String scimError(int status, String detail) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.putArray("schemas").add(SCIM_ERROR);
        error.put("status", String.valueOf(status));
        if (status == 400) {
            error.put("scimType", "invalidValue");
        }
        error.put("detail", detail);
        return error.toString();
    }

    /** Whether the path may be shown as the problem's {@code instance} (a URI reference). */
    private static boolean isValid(String path) {
        try {
            new URI(path);
            return true;
        } catch (URISyntaxException invalid) {
            return false;
        }
    }
}
