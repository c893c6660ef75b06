package circles.adapter.in.rest.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the NUL character (U+0000) in request input. PostgreSQL stores no NUL in {@code text} or {@code jsonb}, so
 * a NUL that got past validation would fail only when written; the service refuses it where the input is read, for
 * every string and member name of a JSON body (however deeply nested) and every path and query parameter.
 */
public final class NulCharacters {
    /** What a refused value is told. */
    public static final String REFUSAL = "must not contain the NUL character (U+0000)";

    private NulCharacters() {
    }

    public static boolean in(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /**
     * The path of the first string or member name holding a NUL, written as the field paths of problem documents
     * ({@code settings.color}, {@code [2].userId}, {@code body} for the document itself); empty when there is none.
     */
    public static Optional<String> firstIn(JsonNode node) {
        return firstIn(node, "");
    }

    private static Optional<String> firstIn(JsonNode node, String path) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return in(node.textValue()) ? Optional.of(path.isEmpty() ? "body" : path) : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = firstIn(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> members = node.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                String where = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                if (in(member.getKey())) {
                    return Optional.of(path.isEmpty() ? "body" : path);
                }
                Optional<String> found = firstIn(member.getValue(), where);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
