package circles.adapter.in.scim;

import circles.adapter.in.scim.filter.AttributePath;
import circles.adapter.in.scim.filter.Filter;
import circles.adapter.in.scim.filter.FilterEvaluator;
import circles.adapter.in.scim.filter.FilterParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A list request (RFC 7644 §3.4.2): {@code filter}, {@code sortBy}/{@code sortOrder}, {@code startIndex} (1-based)
 * and {@code count}, {@code attributes}/{@code excludedAttributes}. Filters are evaluated in memory over the
 * resources' representations: a list reads the org's resources page by page (linear in their number) unless the
 * filter pins one attribute with {@code eq} (an id, a userName), which the endpoints look up directly. Matches are
 * collected to count and sort them, so memory is linear in the number of matches.
 */
final class ListQuery {
    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 1_000;

    final Filter filter;
    final int startIndex;
    final int count;
    final AttributePath sortBy;
    final boolean descending;
    final Projection projection;

    private ListQuery(Filter filter, int startIndex, int count, AttributePath sortBy, boolean descending,
                      Projection projection) {
        this.filter = filter;
        this.startIndex = startIndex;
        this.count = count;
        this.sortBy = sortBy;
        this.descending = descending;
        this.projection = projection;
    }

    static ListQuery of(String filter, String startIndex, String count, String sortBy, String sortOrder,
                        String attributes, String excludedAttributes) {
        Filter parsed = filter == null || filter.isBlank() ? null : FilterParser.parse(filter);
        int start = Math.max(1, integer("startIndex", startIndex, 1));
        int size = Math.min(MAX_COUNT, Math.max(0, integer("count", count, DEFAULT_COUNT)));
        AttributePath sort = null;
        if (sortBy != null && !sortBy.isBlank()) {
            sort = AttributePath.parse(sortBy.strip());
            if (sort == null) {
                throw ScimException.invalidValue("sortBy '" + sortBy + "' is not an attribute path");
            }
        }
        boolean descending = false;
        if (sortOrder != null && !sortOrder.isBlank()) {
            descending = switch (sortOrder.strip().toLowerCase(Locale.ROOT)) {
                case "ascending" -> false;
                case "descending" -> true;
                default -> throw ScimException.invalidValue("sortOrder must be ascending or descending");
            };
        }
        return new ListQuery(parsed, start, size, sort, descending, Projection.of(attributes, excludedAttributes));
    }

    private static int integer(String name, String raw, int absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }

    /**
     * The value the filter requires {@code attribute} to equal in every match ({@code attribute eq "x"}, possibly
     * and-ed with more), so that the candidates can be looked up instead of scanned.
     */
    Optional<String> pinned(String attribute, String coreSchema) {
        return pinned(filter, attribute, coreSchema);
    }

    private static Optional<String> pinned(Filter filter, String attribute, String coreSchema) {
        return switch (filter) {
            case null -> Optional.empty();
            case Filter.Comparison comparison when comparison.operator() == Filter.Operator.EQ
                    && comparison.path().subAttribute() == null
                    && comparison.path().name().equalsIgnoreCase(attribute)
                    && (comparison.path().schema() == null || comparison.path().schema().equalsIgnoreCase(coreSchema))
                    && comparison.value().isTextual() -> Optional.of(comparison.value().textValue());
            case Filter.And and -> pinned(and.left(), attribute, coreSchema)
                    .or(() -> pinned(and.right(), attribute, coreSchema));
            default -> Optional.empty();
        };
    }

    /** Whether the filter or the sort reads the attribute {@code name} (e.g. a group's members). */
    boolean reads(String name) {
        return (sortBy != null && sortBy.name().equalsIgnoreCase(name)) || reads(filter, name);
    }

    private static boolean reads(Filter filter, String name) {
        return switch (filter) {
            case null -> false;
            case Filter.Comparison comparison -> comparison.path().name().equalsIgnoreCase(name);
            case Filter.ValuePath valuePath -> valuePath.path().name().equalsIgnoreCase(name);
            case Filter.And and -> reads(and.left(), name) || reads(and.right(), name);
            case Filter.Or or -> reads(or.left(), name) || reads(or.right(), name);
            case Filter.Not not -> reads(not.inner(), name);
        };
    }

    boolean matches(FilterEvaluator evaluator, ObjectNode resource) {
        return filter == null || evaluator.matches(filter, resource);
    }

    /** The ListResponse of all matching resources: sorted, cut to the requested page, projected. */
    ObjectNode answer(List<ObjectNode> matches, FilterEvaluator evaluator, String coreSchema) {
        List<ObjectNode> sorted = new ArrayList<>(matches);
        if (sortBy != null) {
            Comparator<ObjectNode> order = Comparator.comparing(resource -> sortKey(evaluator, resource),
                    Comparator.nullsLast(descending ? Comparator.<String>reverseOrder() : Comparator.<String>naturalOrder()));
            sorted.sort(order);
        }
        int from = Math.min(sorted.size(), startIndex - 1);
        int to = Math.min(sorted.size(), from + count);
        ObjectNode answer = ScimHttp.newObject();
        answer.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        answer.put("totalResults", sorted.size());
        answer.put("startIndex", startIndex);
        answer.put("itemsPerPage", to - from);
        ArrayNode resources = answer.putArray("Resources");
        for (ObjectNode resource : sorted.subList(from, to)) {
            resources.add(projection.apply(resource, coreSchema));
        }
        return answer;
    }

    private String sortKey(FilterEvaluator evaluator, ObjectNode resource) {
        List<JsonNode> values = evaluator.valuesOf(resource, sortBy);
        if (values.isEmpty()) {
            return null;
        }
        JsonNode first = values.getFirst();
        return first.isTextual() ? first.textValue().toLowerCase(Locale.ROOT) : first.toString();
    }
}
