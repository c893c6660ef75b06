package circles.adapter.in.scim;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A NUL character (U+0000) in a path or query parameter of a SCIM request (an id, a filter, an attribute list) is
 * answered with a 400 SCIM error ({@code invalidValue}) before the request is served: the database stores no NUL,
 * so such a value could only fail later. Bodies are checked where they are read ({@link ScimHttp}).
 */
public final class ScimRequestHygiene {

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, HttpHeaders headers) {
        UriInfo uri = request.getUriInfo();
        String path = uri.getPath();
        if (!path.startsWith("/scim/") && !path.startsWith("scim/")) {
            return Optional.empty();
        }
        Optional<String> parameter = nulIn(uri.getPathParameters()).or(() -> nulIn(uri.getQueryParameters()));
        return parameter.map(name -> ScimHttp.errorAnswer(400, "invalidValue", "The parameter " + name
                + " holds the NUL character (U+0000), which no value may contain.", headers));
    }

    private static Optional<String> nulIn(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0
                    || parameter.getValue().stream().anyMatch(value -> value.indexOf('\0') >= 0)) {
                return Optional.of(parameter.getKey().replace('\0', '?'));
            }
        }
        return Optional.empty();
    }
}
