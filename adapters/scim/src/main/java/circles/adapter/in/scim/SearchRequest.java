package circles.adapter.in.scim;

import circles.adapter.in.scim.filter.FilterEvaluator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of {@code POST .search} (RFC 7644 §3.4.3), read into the same {@link ListQuery} as a GET. */
final class SearchRequest {
    private SearchRequest() {
    }

    static ListQuery of(ObjectNode body) {
        return ListQuery.of(text(body, "filter"), text(body, "startIndex"), text(body, "count"),
                text(body, "sortBy"), text(body, "sortOrder"), list(body, "attributes"),
                list(body, "excludedAttributes"));
    }

    private static String text(ObjectNode body, String name) {
        JsonNode value = FilterEvaluator.field(body, name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String list(ObjectNode body, String name) {
        JsonNode value = FilterEvaluator.field(body, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(item -> joined.append(joined.isEmpty() ? "" : ",").append(item.asText()));
            return joined.toString();
        }
        return value.asText();
    }
}
