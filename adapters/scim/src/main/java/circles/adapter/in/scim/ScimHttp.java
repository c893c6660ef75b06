package circles.adapter.in.scim;

import circles.application.port.in.provisioning.AuthenticateScimTokenUseCase;
import circles.application.port.out.shared.TemporarilyUnavailable;
import circles.domain.org.OrgId;
import circles.domain.shared.Conflict;
import circles.domain.shared.DomainException;
import circles.domain.shared.FieldError;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.VersionConflict;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every SCIM endpoint shares: the bearer-token check, reading bodies (application/scim+json or
 * application/json, in whatever charset the client names), writing answers, and turning every failure into a SCIM
 * error document. SCIM paths are not part of openapi.yaml, and their failures never become problem+json: each
 * resource method runs inside {@link #answer}.
 */
@ApplicationScoped
public class ScimHttp {
    static final String SCIM_JSON = "application/scim+json";
    private static final String JSON_TYPE = "application/json";
    private static final Logger LOG = Logger.getLogger(ScimHttp.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(\\S+)\\s*");
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");
    private static final Set<String> ACCEPTED_TYPES = Set.of(SCIM_JSON, JSON_TYPE);

    private final AuthenticateScimTokenUseCase authenticate;

    @Inject
    public ScimHttp(AuthenticateScimTokenUseCase authenticate) {
        this.authenticate = authenticate;
    }

    /** Runs one SCIM request; whatever fails becomes a SCIM error answer. */
    Response answer(HttpHeaders headers, Supplier<Response> work) {
        try {
            return work.get();
        } catch (ScimException failure) {
            return error(failure.status(), failure.scimType(), failure.getMessage(), headers);
        } catch (DomainException failure) {
            return domain(failure, headers);
        } catch (RuntimeException failure) {
            Optional<TemporarilyUnavailable> passing = TemporarilyUnavailable.behind(failure);
            if (passing.isPresent()) {
                return unavailable(passing.get(), headers);
            }
            String incident = UUID.randomUUID().toString();
            LOG.errorf(failure, "Unexpected failure %s of a SCIM request", incident);
            return error(500, null, "Something went wrong on our side (incident " + incident + ").", headers);
        }
    }

    /**
     * A failure that passes by itself (the database connection lost, a timeout, a serialization failure...): 503 with
     * {@code Retry-After} in seconds, after which the identity provider may send the same request again.
     */
    private Response unavailable(TemporarilyUnavailable failure, HttpHeaders headers) {
        LOG.warnf("Temporarily unavailable for a SCIM request: %s (%s)", failure.getMessage(), failure.getCause());
        long millis = failure.retryAfter().toMillis();
        long seconds = Math.max(1, millis / 1000 + (millis % 1000 == 0 ? 0 : 1));
        return Response.fromResponse(error(503, null, "The service cannot answer right now (" + failure.getMessage()
                        + "). Try again in " + seconds + (seconds == 1 ? " second." : " seconds."), headers))
                .header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    /** The org whose SCIM token the request presents; the token's provisioning actor is the caller from now on. */
    OrgId authenticate(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        Matcher bearer = authorization == null ? null : BEARER.matcher(authorization);
        if (bearer == null || !bearer.matches()) {
            throw new ScimException(401, null, "A SCIM bearer token is required (Authorization: Bearer <token>).");
        }
        return authenticate.authenticate(bearer.group(1)).orElseThrow(() -> new ScimException(401, null,
                "The SCIM token is unknown, revoked or expired."));
    }

    /** The request body as a JSON object. */
    ObjectNode object(HttpHeaders headers, byte[] body) {
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        Charset charset = StandardCharsets.UTF_8;
        if (contentType != null) {
            String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!ACCEPTED_TYPES.contains(type)) {
                throw new ScimException(415, null, "The content type " + contentType
                        + " is not supported; send application/scim+json or application/json.");
            }
            Matcher named = CHARSET.matcher(contentType);
            if (named.find()) {
                try {
                    charset = Charset.forName(named.group(1));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new ScimException(415, null, "The charset " + named.group(1) + " is not supported.");
                }
            }
        }
        if (body == null || body.length == 0) {
            throw ScimException.invalidSyntax("A JSON request body is required.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(decode(body, charset));
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("The request body is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("The request body must be a JSON object.");
        }
        if (containsNul(node)) {
            throw ScimException.invalidValue("The request body holds the NUL character (U+0000), which no attribute"
                    + " may contain.");
        }
        return (ObjectNode) node;
    }

    /** The body as text; bytes that are not valid in the charset are a syntax error, not replacement characters. */
    private static String decode(byte[] body, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ScimException.invalidSyntax("The request body is not valid " + charset.name() + " text.");
        }
    }

    /** Whether a string or attribute name anywhere in the document holds U+0000, which the database cannot store. */
    static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getKey().indexOf('\0') >= 0 || containsNul(member.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (containsNul(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A resource or message answer, with an entity tag when given. */
    Response json(int status, JsonNode body, String etag, HttpHeaders headers) {
        Response.ResponseBuilder answer = Response.status(status).type(mediaType(headers)).entity(write(body));
        if (etag != null) {
            answer.header(HttpHeaders.ETAG, etag);
        }
        return answer.build();
    }

    /** The base URL of the SCIM endpoint, for {@code meta.location}. */
    static String base(UriInfo uri) {
        String root = uri.getBaseUri().toString();
        return (root.endsWith("/") ? root : root + "/") + "scim/v2";
    }

    static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    static ObjectMapper mapper() {
        return JSON;
    }

    /** Fails with 412 unless {@code If-Match} is absent, {@code *}, or names {@code etag} (weak or strong). */
    static void requireMatch(HttpHeaders headers, String etag) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            if (opaque(tag).equals(opaque(etag))) {
                return;
            }
        }
        throw new ScimException(412, null, "The resource has changed: its version is " + etag + ", not "
                + ifMatch.strip() + ".");
    }

    /** Whether {@code If-None-Match} names the current tag (then a GET answers 304). */
    static boolean notModified(HttpHeaders headers, String etag) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            if (tag.strip().equals("*") || opaque(tag).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        String value = tag.strip();
        return value.startsWith("W/") ? value.substring(2) : value;
    }

    private Response domain(DomainException failure, HttpHeaders headers) {
        String detail = failure.getMessage();
        if (!failure.errors().isEmpty() && !(failure instanceof InvalidInput)) {
            detail = detail + " (" + String.join("; ", failure.errors().stream().limit(10)
                    .map(error -> error.field() + ": " + error.message()).toList()) + ")";
        }
        return switch (failure) {
            case NotFound ignored -> error(404, null, detail, headers);
            case NotAllowed ignored -> error(403, null, detail, headers);
            case RuleViolation ignored -> error(400, "invalidValue", detail, headers);
            case InvalidInput ignored -> error(400, "invalidValue", detail, headers);
            case VersionConflict ignored -> error(412, null, detail, headers);
            case Conflict conflict -> switch (conflict.code()) {
                case "version-mismatch" -> error(412, null, detail, headers);
                case "group-has-subgroups", "still-referenced" -> error(409, null, detail,
                        headers);
                default -> error(409, "uniqueness", detail, headers);
            };
        };
    }

    Response error(int status, String scimType, String detail, HttpHeaders headers) {
        return errorAnswer(status, scimType, detail, headers);
    }

    /** A SCIM error document with the given status, {@code scimType} (may be null) and detail. */
    static Response errorAnswer(int status, String scimType, String detail, HttpHeaders headers) {
        ObjectNode body = newObject();
        body.putArray("schemas").add(ScimSchemas.ERROR);
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        Response.ResponseBuilder answer = Response.status(status).type(mediaType(headers)).entity(write(body));
        if (status == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"");
        }
        return answer.build();
    }

    /** application/scim+json, unless the client asks for application/json only. */
    private static String mediaType(HttpHeaders headers) {
        String accept = headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null) {
            String lower = accept.toLowerCase(Locale.ROOT);
            if (!lower.contains(SCIM_JSON) && !lower.contains("*/*") && lower.contains(JSON_TYPE)) {
                return JSON_TYPE + ";charset=UTF-8";
            }
        }
        return SCIM_JSON + ";charset=UTF-8";
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
