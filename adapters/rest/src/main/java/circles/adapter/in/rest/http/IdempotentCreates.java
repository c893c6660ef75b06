package circles.adapter.in.rest.http;

import circles.application.port.in.idempotency.IdempotencyUseCase;
import circles.application.port.in.membership.GetMeUseCase;
import circles.application.port.out.idempotency.IdempotencyStore;
import circles.domain.shared.InvalidInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs creates under an optional {@code Idempotency-Key}: the key is scoped to the caller and the route
 * template; the request hash covers the method, the concrete path and the canonical body. A repeat with the
 * same request replays the first answer (status, {@code Location}, body); another request with the same key
 * is refused by the use case (422). A key is the caller's own: another caller using the same value starts a
 * fresh create. A replay comes only after {@code stillAllowed} has checked again that the caller may still see
 * what the answer shows (given the answer's {@code Location}); a caller who lost access gets that check's 404.
 */
@ApplicationScoped
public class IdempotentCreates {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7e]{1,255}");
    private static final int CREATED = 201;

    private final IdempotencyUseCase idempotency;
    private final GetMeUseCase me;
    private final ObjectMapper json;

    @Inject
    public IdempotentCreates(IdempotencyUseCase idempotency, GetMeUseCase me, ObjectMapper json) {
        this.idempotency = idempotency;
        this.me = me;
        this.json = json;
    }

    /**
     * @param route        the route template, e.g. {@code POST /v1/groups/{groupId}/members}
     * @param stillAllowed checks, before a replay, the caller's right to what the stored answer shows (given its
     *                     {@code Location}); throws, typically a not-found, when that right is gone
     */
    public Response create(String key, String route, UriInfo uri, JsonNode body, Consumer<String> stillAllowed,
                           Supplier<Created> create) {
        if (key == null) {
            return response(answer(create.get(), ""));
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInput(HEADER, "must be 1 to 255 printable ASCII characters");
        }
        String hash = JsonBodies.requestHash("POST", uri.getRequestUri().getRawPath(), body);
        IdempotencyStore.Key scoped = new IdempotencyStore.Key(me.me().actor().userId().value(), route, key);
        return response(idempotency.once(scoped, hash,
                answer -> stillAllowed.accept(answer.location()), () -> answer(create.get(), hash)));
    }

    /** The last path segment of a {@code Location}: the id of the created resource. */
    public static String lastSegment(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private IdempotencyStore.Answer answer(Created created, String hash) {
        try {
            return new IdempotencyStore.Answer(hash, CREATED, created.location(),
                    json.writeValueAsString(created.body()), Instant.now());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer of a create", e);
        }
    }

    private Response response(IdempotencyStore.Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(answer.body());
        if (answer.location() != null) {
            response.header(HttpHeaders.LOCATION, answer.location());
        }
        versionOf(answer.body()).ifPresent(version -> response.header(HttpHeaders.ETAG, ETags.of(version)));
        return response.build();
    }

    /** Single resources carry their version, which is their entity tag; lists have none. */
    private Optional<Long> versionOf(String body) {
        try {
            JsonNode version = json.readTree(body).get("version");
            return version != null && version.canConvertToLong()
                    ? Optional.of(version.longValue()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
