package circles.bootstrap.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;

/** What every error answer must be: an RFC 9457 problem with {@code type}, {@code title}, {@code status}, {@code detail}. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** The ways the response falls short of a problem+json body; empty when it is one. */
    static List<String> defects(Response response) {
        List<String> defects = new ArrayList<>();
        String contentType = response.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/problem+json")) {
            defects.add("content type is '" + contentType + "', not application/problem+json");
        }
        String text = response.asString();
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            defects.add("body is not a JSON object: " + abbreviate(text));
            return defects;
        }
        for (String field : List.of("type", "title", "detail")) {
            if (!body.path(field).isTextual() || body.path(field).asText().isBlank()) {
                defects.add("'" + field + "' is missing or not a non-blank string");
            }
        }
        if (!body.path("status").isInt()) {
            defects.add("'status' is missing or not an integer");
        } else if (body.path("status").asInt() != response.statusCode()) {
            defects.add("'status' is " + body.path("status").asInt() + " but the HTTP status is "
                    + response.statusCode());
        }
        return defects;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "<none>";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
