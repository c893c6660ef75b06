package circles.adapter.in.scim.filter;

import circles.adapter.in.scim.ScimException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a {@link Filter} against the JSON representation of one resource (RFC 7644 §3.4.2.2): attribute names
 * ignore case; strings compare ignoring case unless the attribute is case-exact ({@code id}, {@code externalId},
 * references to users); a multi-valued attribute matches when any of its values does; a complex value without a
 * sub-attribute is compared through its {@code value}; dateTime attributes compare as instants. Evaluation is
 * linear in the size of the filter times the size of the resource.
 */
public final class FilterEvaluator {
    /** Attributes whose strings compare case-sensitively (by {@link AttributePath#key()}). */
    private static final Set<String> CASE_EXACT = Set.of("id", "externalid", "members.value", "manager.value",
            "members.$ref", "manager.$ref", "meta.version", "meta.location");
    private static final Set<String> DATE_TIMES = Set.of("meta.created", "meta.lastmodified");

    private final String coreSchema;

    /** {@code coreSchema}: the schema URI that names the resource's own (not extension) attributes. */
    public FilterEvaluator(String coreSchema) {
        this.coreSchema = coreSchema;
    }

    public boolean matches(Filter filter, ObjectNode resource) {
        return evaluate(filter, resource, true);
    }

    /** Whether one value of a multi-valued attribute matches a value filter (whose names are sub-attributes). */
    public boolean matchesValue(Filter filter, JsonNode value) {
        return evaluate(filter, value, false);
    }

    /** The values {@code path} names in the resource, for sorting: multi-valued attributes flattened. */
    public List<JsonNode> valuesOf(ObjectNode resource, AttributePath path) {
        return values(resource, path, true);
    }

    private boolean evaluate(Filter filter, JsonNode context, boolean root) {
        return switch (filter) {
            case Filter.And and -> evaluate(and.left(), context, root) && evaluate(and.right(), context, root);
            case Filter.Or or -> evaluate(or.left(), context, root) || evaluate(or.right(), context, root);
            case Filter.Not not -> !evaluate(not.inner(), context, root);
            case Filter.ValuePath valuePath -> {
                for (JsonNode item : elements(attribute(context, valuePath.path(), root))) {
                    if (evaluate(valuePath.filter(), item, false)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Filter.Comparison comparison -> compare(comparison, values(context, comparison.path(), root));
        };
    }

    /** The values the path names in {@code context}, flattened over multi-valued attributes. */
    private List<JsonNode> values(JsonNode context, AttributePath path, boolean root) {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode item : elements(attribute(context, path, root))) {
            JsonNode value = path.subAttribute() != null ? field(item, path.subAttribute())
                    : item.isObject() ? field(item, "value") : item;
            if (value != null && !value.isNull()) {
                values.add(value);
            }
        }
        return values;
    }

    /** The attribute itself (not yet its sub-attribute), in the resource or in its extension object. */
    private JsonNode attribute(JsonNode context, AttributePath path, boolean root) {
        JsonNode holder = context;
        if (root && path.schema() != null && !path.schema().equalsIgnoreCase(coreSchema)) {
            holder = field(context, path.schema());
            if (holder == null) {
                return null;
            }
        }
        return field(holder, path.name());
    }

    /** The field of an object whose name equals {@code name} ignoring case. */
    public static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static List<JsonNode> elements(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return items;
        }
        return List.of(node);
    }

    private boolean compare(Filter.Comparison comparison, List<JsonNode> values) {
        Filter.Operator op = comparison.operator();
        JsonNode expected = comparison.value();
        if (op == Filter.Operator.PR) {
            return values.stream().anyMatch(FilterEvaluator::present);
        }
        if (expected.isNull()) {
            return switch (op) {
                case EQ -> values.stream().noneMatch(FilterEvaluator::present);
                case NE -> values.stream().anyMatch(FilterEvaluator::present);
                default -> throw ScimException.invalidFilter(name(op) + " cannot compare with null");
            };
        }
        if (expected.isBoolean() && op != Filter.Operator.EQ && op != Filter.Operator.NE) {
            throw ScimException.invalidFilter(name(op) + " cannot compare booleans");
        }
        if (op == Filter.Operator.NE) {
            return values.stream().noneMatch(value -> test(Filter.Operator.EQ, value, expected, comparison.path()));
        }
        return values.stream().anyMatch(value -> test(op, value, expected, comparison.path()));
    }

    private static boolean present(JsonNode value) {
        return !(value.isNull() || (value.isTextual() && value.textValue().isEmpty())
                || (value.isContainerNode() && value.isEmpty()));
    }

    private static boolean test(Filter.Operator op, JsonNode actual, JsonNode expected, AttributePath path) {
        if (expected.isBoolean()) {
            return actual.isBoolean() && actual.booleanValue() == expected.booleanValue();
        }
        if (expected.isNumber()) {
            if (!actual.isNumber()) {
                return false;
            }
            int order = actual.decimalValue().compareTo(expected.decimalValue());
            return ordered(op, order, actual.decimalValue().toString(), expected.decimalValue().toString());
        }
        if (!actual.isTextual()) {
            return false;
        }
        String left = actual.textValue();
        String right = expected.textValue();
        if (DATE_TIMES.contains(path.key())) {
            Instant a = instant(left);
            Instant b = instant(right);
            if (a != null && b != null) {
                return ordered(op, a.compareTo(b), left, right);
            }
        }
        if (!CASE_EXACT.contains(path.key())) {
            left = left.toLowerCase(Locale.ROOT);
            right = right.toLowerCase(Locale.ROOT);
        }
        return switch (op) {
            case EQ -> left.equals(right);
            case CO -> left.contains(right);
            case SW -> left.startsWith(right);
            case EW -> left.endsWith(right);
            default -> ordered(op, left.compareTo(right), left, right);
        };
    }

    private static boolean ordered(Filter.Operator op, int order, String left, String right) {
        return switch (op) {
            case EQ -> order == 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case CO -> left.contains(right);
            case SW -> left.startsWith(right);
            case EW -> left.endsWith(right);
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String name(Filter.Operator op) {
        return op.name().toLowerCase(Locale.ROOT);
    }
}
