package circles.adapter.in.rest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import circles.domain.shared.InvalidInput;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The entity tag of a {@link ConditionalGet} answer is a digest of its JSON body: the list is computed as on every
 * request (rights, memberships, validity windows, member counts as of now), then the client that holds the same body
 * gets 304 and no body. A tag is therefore never stale: whatever changes the answer (a membership added or removed,
 * a group renamed, its visibility changed, a member suspended, a validity window ending) changes the body and with
 * it the tag. What it saves is the transfer and the client's work, not the server's reading. A body that comes
 * {@link PreparedBody prepared} (a kept answer) carries its tag already.
 */
@Provider
@ConditionalGet
public class ConditionalGetFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String IF_NONE_MATCH = "If-None-Match";
    /** Longest {@code If-None-Match} header read; a longer one is refused before the list is computed. */
    private static final int HEADER_MAX = 4096;

    private final ObjectMapper json;

    @Inject
    public ConditionalGetFilter(ObjectMapper json) {
        this.json = json;
    }

    /** An {@code If-None-Match} longer than the contract allows is a 400, as any other over-long header. */
    @Override
    public void filter(ContainerRequestContext request) {
        String ifNoneMatch = request.getHeaderString(IF_NONE_MATCH);
        if (ifNoneMatch != null && ifNoneMatch.length() > HEADER_MAX) {
            throw new InvalidInput(IF_NONE_MATCH, "must be at most " + HEADER_MAX + " characters");
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != Response.Status.OK.getStatusCode() || !response.hasEntity()
                || !"GET".equals(request.getMethod())) {
            return;
        }
        byte[] body;
        String tag;
        if (response.getEntity() instanceof PreparedBody prepared) {
            body = prepared.json();
            tag = prepared.tag();
        } else {
            try {
                body = json.writeValueAsBytes(response.getEntity());
            } catch (JsonProcessingException failure) {
                throw new UncheckedIOException(failure);
            }
            tag = tagOf(body);
        }
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        if (matches(request.getHeaderString(IF_NONE_MATCH), tag)) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
            return;
        }
        response.setEntity(body, new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
    }

    static String tagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code If-None-Match} names the tag: {@code *}, or a comma-separated list of tags compared weakly (a {@code W/}
     * prefix is ignored), as RFC 9110 section 13.1.2 asks for GET. Anything malformed matches nothing.
     */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.length() > HEADER_MAX) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.strip();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
