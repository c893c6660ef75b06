package circles.adapter.in.scim;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every SCIM request before it is served and before its body is read:
 * <ul>
 *   <li>a NUL character (U+0000) in a path or query parameter (an id, a filter, an attribute list) is a 400 SCIM
 *       error ({@code invalidValue}): the database stores no NUL, so such a value could only fail later;</li>
 *   <li>a path or query parameter that is not UTF-8 once percent-decoded (e.g. {@code filter=%C3%28}) is a 400 SCIM
 *       error ({@code invalidValue}), where the usual decoding would read it with replacement characters;</li>
 *   <li>a body without {@code Content-Type} is a 415 SCIM error, as on the REST API: RFC 7644 (section 3.1) has
 *       clients name {@code application/scim+json}, and a body is only read as the type its sender names.</li>
 * </ul>
 * Bodies are checked where they are read ({@link ScimHttp}).
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
        if (parameter.isPresent()) {
            return Optional.of(ScimHttp.errorAnswer(400, "invalidValue", "The parameter " + parameter.get()
                    + " holds the NUL character (U+0000), which no value may contain.", headers));
        }
        String query = uri.getRequestUri().getRawQuery();
        String raw = uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
        if (!decodesToUtf8(raw)) {
            return Optional.of(ScimHttp.errorAnswer(400, "invalidValue", "A path or query parameter is not valid"
                    + " UTF-8 once percent-decoded; it would be read with replacement characters.", headers));
        }
        if (hasBody(request) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            return Optional.of(ScimHttp.errorAnswer(415, null, "The request has a body but no Content-Type; send it"
                    + " as application/scim+json (or application/json).", headers));
        }
        return Optional.empty();
    }

    /** Whether the bytes that the percent-escapes and characters of {@code raw} stand for are UTF-8. */
    static boolean decodesToUtf8(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(c & 0xFF);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A declared length above zero (an unreadable one counts as a body), or a chunked body. */
    private static boolean hasBody(ContainerRequestContext request) {
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
