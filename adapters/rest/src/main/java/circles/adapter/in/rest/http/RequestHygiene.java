package circles.adapter.in.rest.http;

import circles.adapter.in.rest.problem.ProblemMapper;
import circles.adapter.in.rest.problem.ProblemType;
import circles.domain.shared.FieldError;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every REST request, once it is matched to an operation and before its body is read, for what no operation
 * can take:
 * <ul>
 *   <li>a NUL character (U+0000) in a path or query parameter (400 {@code invalid-input} naming each one): the
 *       database stores no NUL, so such a value could only fail later;</li>
 *   <li>a path or query parameter that is not UTF-8 once percent-decoded (400 {@code invalid-input} naming each
 *       one), which the usual decoding would turn into replacement characters ({@link PercentDecoding});</li>
 *   <li>a body without {@code Content-Type} (415): a body is only read as the type its sender names.</li>
 * </ul>
 * SCIM routes answer SCIM error documents and check their own requests.
 */
public final class RequestHygiene {
    /** After authentication and authorization: an anonymous caller learns nothing about its request's defects. */
    private static final int AFTER_SECURITY = Priorities.USER + 100;
    private static final String SCIM_ROOT = "scim/";

    @ServerRequestFilter(priority = AFTER_SECURITY)
    public Optional<Response> check(ContainerRequestContext request, RoutingContext routing) {
        UriInfo uri = request.getUriInfo();
        String path = uri.getPath();
        if (path.startsWith("/" + SCIM_ROOT) || path.startsWith(SCIM_ROOT)) {
            return Optional.empty();
        }
        List<FieldError> errors = new ArrayList<>();
        collect(uri.getPathParameters(), errors);
        collect(uri.getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            return Optional.of(ProblemMapper.problem(ProblemType.INVALID_INPUT,
                    "A parameter holds the NUL character (U+0000), which the service does not take.", errors, uri));
        }
        if (routing != null) {
            List<FieldError> undecodable = PercentDecoding.invalidUtf8(routing.request().path(),
                    routing.request().query());
            if (!undecodable.isEmpty()) {
                return Optional.of(ProblemMapper.problem(ProblemType.INVALID_INPUT, "A parameter is not valid UTF-8"
                        + " text once percent-decoded; it would be read with replacement characters.", undecodable,
                        uri));
            }
        }
        if (hasBody(request, routing) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            return Optional.of(ProblemMapper.problem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The request has a body but no Content-Type; send it as application/json.", List.of(), uri));
        }
        return Optional.empty();
    }

    private static void collect(MultivaluedMap<String, String> parameters, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            boolean nul = NulCharacters.in(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(NulCharacters::in);
            if (nul) {
                errors.add(new FieldError(parameter.getKey().replace('\0', '?'), NulCharacters.REFUSAL));
            }
        }
    }

    /**
     * A declared length above zero (also one a route with a body limit of its own took off the request), or a
     * chunked body; a length of zero, or none without chunks, is no body.
     */
    private static boolean hasBody(ContainerRequestContext request, RoutingContext routing) {
        Long taken = routing == null ? null : routing.get(RouteBodyLimit.DECLARED_LENGTH);
        if (taken != null) {
            return taken > 0;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Long.parseLong(length.strip()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
