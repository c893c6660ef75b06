package circles.adapter.in.rest.http;

import circles.adapter.in.rest.problem.HttpProblem;
import circles.adapter.in.rest.problem.ProblemType;
import circles.domain.shared.FieldError;
import circles.domain.shared.InvalidInput;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request bodies are taken as text and parsed here, strictly (duplicate keys and trailing data are malformed),
 * so that absent and explicit {@code null} stay distinguishable and every failure names its field. A NUL character
 * anywhere in the document (JSON can only carry it escaped) is refused here, once for every body.
 */
public final class JsonBodies {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonBodies() {
    }

    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new HttpProblem(ProblemType.MALFORMED_JSON, "A JSON request body is required.");
        }
        try {
            JsonNode node = STRICT.readTree(body);
            NulCharacters.firstIn(node).ifPresent(field -> {
                throw new InvalidInput(field, NulCharacters.REFUSAL);
            });
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
            String reason = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage().lines().findFirst().orElse("");
            throw new HttpProblem(ProblemType.MALFORMED_JSON, "The request body is not valid JSON" + position + reason,
                    List.of());
        }
    }

    /** The body as a JSON object; anything else is a 400. */
    public static BodyObject object(String body) {
        return BodyObject.of(parse(body), "");
    }

    /** The body as a JSON array; anything else is a 400. */
    public static ArrayNode array(String body) {
        JsonNode node = parse(body);
        if (!node.isArray()) {
            throw new HttpProblem(ProblemType.INVALID_INPUT, "The request body must be a JSON array.",
                    List.of(new FieldError("body", "must be a JSON array")));
        }
        return (ArrayNode) node;
    }

    /** A JSON value as plain Java maps, lists, strings, numbers and booleans. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(ObjectNode node) {
        return STRICT.convertValue(node, Map.class);
    }

    public static ObjectNode toNode(Map<String, Object> map) {
        return STRICT.valueToTree(map);
    }

    public static int serializedSize(JsonNode node) {
        try {
            return STRICT.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (hex) of the request line and the body with object keys sorted: the same request, the same hash. */
    public static String requestHash(String method, String path, JsonNode body) {
        try {
            String canonical = method + " " + path + "\n" + STRICT.writeValueAsString(canonical(body));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }
}
