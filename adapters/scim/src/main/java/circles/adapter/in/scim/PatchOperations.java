package circles.adapter.in.scim;

import circles.adapter.in.scim.filter.AttributePath;
import circles.adapter.in.scim.filter.Filter;
import circles.adapter.in.scim.filter.FilterEvaluator;
import circles.adapter.in.scim.filter.FilterParser;
import circles.adapter.in.scim.filter.PatchPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SCIM PATCH request (RFC 7644 §3.5.2) and its application to a resource's JSON: {@code add}, {@code remove} and
 * {@code replace}, with or without a {@code path}, including value-filtered paths such as
 * {@code emails[type eq "work"].value} or {@code members[value eq "…"]}. Operation names are case-insensitive
 * (Entra ID writes {@code Add}, {@code Replace}, {@code Remove}).
 */
final class PatchOperations {
    static final int MAX_OPERATIONS = 1_000;

    enum Op { ADD, REMOVE, REPLACE }

    /** One operation: {@code path} null for a path-less operation, {@code value} null when absent. */
    record Operation(Op op, PatchPath path, JsonNode value) {
    }

    private PatchOperations() {
    }

    static List<Operation> parse(ObjectNode body) {
        JsonNode schemas = FilterEvaluator.field(body, "schemas");
        if (schemas != null && schemas.isArray() && !schemas.isEmpty()) {
            boolean patchOp = false;
            for (JsonNode schema : schemas) {
                patchOp |= ScimSchemas.PATCH_OP.equalsIgnoreCase(schema.asText());
            }
            if (!patchOp) {
                throw ScimException.invalidSyntax("a PATCH request has the schema " + ScimSchemas.PATCH_OP);
            }
        }
        JsonNode operations = FilterEvaluator.field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("a PATCH request has a non-empty Operations array");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw ScimException.invalidSyntax("a PATCH request has at most " + MAX_OPERATIONS + " operations");
        }
        List<Operation> parsed = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (!operation.isObject()) {
                throw ScimException.invalidSyntax("each operation is a JSON object");
            }
            JsonNode opNode = FilterEvaluator.field(operation, "op");
            Op op = switch (opNode == null ? "" : opNode.asText().toLowerCase(Locale.ROOT)) {
                case "add" -> Op.ADD;
                case "remove" -> Op.REMOVE;
                case "replace" -> Op.REPLACE;
                default -> throw ScimException.invalidSyntax("op must be add, remove or replace, not "
                        + (opNode == null ? "missing" : opNode));
            };
            JsonNode pathNode = FilterEvaluator.field(operation, "path");
            PatchPath path = null;
            if (pathNode != null && !pathNode.isNull()) {
                if (!pathNode.isTextual() || pathNode.textValue().isBlank()) {
                    throw ScimException.invalidPath("path must be a non-empty string");
                }
                path = FilterParser.parsePath(pathNode.textValue().strip());
            }
            JsonNode value = FilterEvaluator.field(operation, "value");
            if (value != null && value.isNull()) {
                value = null;
            }
            if (path == null && op == Op.REMOVE) {
                throw ScimException.noTarget("a remove operation needs a path");
            }
            if (path == null && (value == null || !value.isObject())) {
                throw ScimException.invalidValue("an operation without a path takes an object of attributes as its"
                        + " value");
            }
            if (op != Op.REMOVE && value == null) {
                throw ScimException.invalidValue(op.name().toLowerCase(Locale.ROOT) + " needs a value");
            }
            parsed.add(new Operation(op, path, value));
        }
        return parsed;
    }

    /**
     * Applies the operations, in order, to a resource's JSON. {@code extensions} are the schema URIs whose
     * attributes live in an object of their own; {@code readOnly} attributes may not change.
     */
    static void apply(ObjectNode resource, List<Operation> operations, String coreSchema, List<String> extensions) {
        FilterEvaluator evaluator = new FilterEvaluator(coreSchema);
        for (Operation operation : operations) {
            if (operation.path() == null) {
                applyWithoutPath(resource, operation, coreSchema, extensions, evaluator);
            } else {
                applyAt(resource, operation.op(), operation.path(), operation.value(), coreSchema, evaluator);
            }
        }
    }

    private static void applyWithoutPath(ObjectNode resource, Operation operation, String coreSchema,
                                         List<String> extensions, FilterEvaluator evaluator) {
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.value().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String extension = extensions.stream().filter(key::equalsIgnoreCase).findFirst().orElse(null);
            if (extension != null && field.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> sub = field.getValue().fields(); sub.hasNext(); ) {
                    Map.Entry<String, JsonNode> inner = sub.next();
                    applyAt(resource, operation.op(), path(extension + ":" + inner.getKey()), inner.getValue(),
                            coreSchema, evaluator);
                }
            } else if (key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("meta")) {
                continue;
            } else {
                applyAt(resource, operation.op(), path(key), field.getValue(), coreSchema, evaluator);
            }
        }
    }

    private static PatchPath path(String text) {
        return FilterParser.parsePath(text);
    }

    private static void applyAt(ObjectNode resource, Op op, PatchPath path, JsonNode value, String coreSchema,
                                FilterEvaluator evaluator) {
        AttributePath attribute = path.attribute();
        String name = attribute.name();
        if (name.equalsIgnoreCase("meta") || name.equalsIgnoreCase("schemas") || name.equalsIgnoreCase("groups")) {
            return;
        }
        if (name.equalsIgnoreCase("id")) {
            if (op == Op.REMOVE || value == null || !value.asText().equals(resource.path("id").asText())) {
                throw ScimException.mutability("id cannot be changed");
            }
            return;
        }
        ObjectNode holder = holder(resource, attribute, coreSchema, op != Op.REMOVE);
        if (holder == null) {
            return;
        }
        String actual = Projection.actualName(holder, name);
        String key = actual != null ? actual : name;
        if (!path.filtered()) {
            applyToAttribute(holder, key, attribute.subAttribute(), op, value);
            return;
        }
        JsonNode current = holder.get(key);
        ArrayNode values = current != null && current.isArray() ? (ArrayNode) current : null;
        List<JsonNode> matching = new ArrayList<>();
        if (values != null) {
            values.forEach(item -> {
                if (evaluator.matchesValue(path.valueFilter(), item)) {
                    matching.add(item);
                }
            });
        }
        if (op == Op.REMOVE) {
            if (values == null) {
                return;
            }
            if (path.subAttribute() == null) {
                for (int i = values.size() - 1; i >= 0; i--) {
                    if (matching.contains(values.get(i))) {
                        values.remove(i);
                    }
                }
            } else {
                matching.forEach(item -> removeField(item, path.subAttribute()));
            }
            return;
        }
        if (matching.isEmpty()) {
            // Entra ID replaces emails[type eq "work"].value on users that have no work address yet.
            ObjectNode created = seed(path.valueFilter());
            if (created == null) {
                throw ScimException.noTarget("no value of " + attribute + " matches the filter of the path");
            }
            if (values == null) {
                values = holder.putArray(key);
            }
            values.add(created);
            matching.add(created);
        }
        for (JsonNode item : matching) {
            if (!item.isObject()) {
                continue;
            }
            ObjectNode target = (ObjectNode) item;
            if (path.subAttribute() != null) {
                target.set(fieldName(target, path.subAttribute()), value);
            } else if (value.isObject()) {
                value.fields().forEachRemaining(entry -> target.set(fieldName(target, entry.getKey()), entry.getValue()));
            } else {
                throw ScimException.invalidValue("the value for " + attribute + "[...] must be an object");
            }
        }
    }

    private static void applyToAttribute(ObjectNode holder, String key, String sub, Op op, JsonNode value) {
        JsonNode current = holder.get(key);
        if (sub != null) {
            if (op == Op.REMOVE) {
                removeField(current, sub);
                return;
            }
            ObjectNode complex = current != null && current.isObject() ? (ObjectNode) current : holder.putObject(key);
            complex.set(fieldName(complex, sub), value);
            return;
        }
        switch (op) {
            case REMOVE -> {
                if (value != null && current != null && current.isArray()) {
                    removeValues((ArrayNode) current, value);
                } else {
                    holder.remove(key);
                }
            }
            case ADD -> {
                if (current != null && current.isArray()) {
                    for (JsonNode item : value.isArray() ? value : ScimHttp.mapper().createArrayNode().add(value)) {
                        if (!contains((ArrayNode) current, item)) {
                            ((ArrayNode) current).add(item);
                        }
                    }
                } else if (current != null && current.isObject() && value.isObject()) {
                    value.fields().forEachRemaining(entry ->
                            ((ObjectNode) current).set(fieldName((ObjectNode) current, entry.getKey()),
                                    entry.getValue()));
                } else {
                    holder.set(key, value);
                }
            }
            case REPLACE -> {
                if (current != null && current.isObject() && value.isObject()) {
                    value.fields().forEachRemaining(entry ->
                            ((ObjectNode) current).set(fieldName((ObjectNode) current, entry.getKey()),
                                    entry.getValue()));
                } else {
                    holder.set(key, value);
                }
            }
        }
    }

    /** Removes the values equal to the given ones (compared by their {@code value} when they have one). */
    private static void removeValues(ArrayNode values, JsonNode toRemove) {
        List<JsonNode> remove = new ArrayList<>();
        (toRemove.isArray() ? toRemove : ScimHttp.mapper().createArrayNode().add(toRemove)).forEach(remove::add);
        for (int i = values.size() - 1; i >= 0; i--) {
            JsonNode item = values.get(i);
            for (JsonNode candidate : remove) {
                JsonNode itemValue = item.isObject() ? FilterEvaluator.field(item, "value") : item;
                JsonNode candidateValue = candidate.isObject() ? FilterEvaluator.field(candidate, "value") : candidate;
                if (item.equals(candidate) || (itemValue != null && itemValue.equals(candidateValue))) {
                    values.remove(i);
                    break;
                }
            }
        }
    }

    private static boolean contains(ArrayNode values, JsonNode item) {
        for (JsonNode existing : values) {
            if (existing.equals(item)) {
                return true;
            }
        }
        return false;
    }

    /** A new value built from a filter of equalities ({@code type eq "work" and primary eq true}); else null. */
    private static ObjectNode seed(Filter filter) {
        ObjectNode created = ScimHttp.newObject();
        return seedInto(filter, created) ? created : null;
    }

    private static boolean seedInto(Filter filter, ObjectNode created) {
        return switch (filter) {
            case Filter.Comparison comparison when comparison.operator() == Filter.Operator.EQ
                    && comparison.path().subAttribute() == null && !comparison.value().isNull() -> {
                created.set(comparison.path().name(), comparison.value());
                yield true;
            }
            case Filter.And and -> seedInto(and.left(), created) && seedInto(and.right(), created);
            default -> false;
        };
    }

    private static void removeField(JsonNode node, String name) {
        if (node != null && node.isObject()) {
            String actual = Projection.actualName((ObjectNode) node, name);
            if (actual != null) {
                ((ObjectNode) node).remove(actual);
            }
        }
    }

    private static String fieldName(ObjectNode object, String name) {
        String actual = Projection.actualName(object, name);
        return actual != null ? actual : name;
    }

    private static ObjectNode holder(ObjectNode resource, AttributePath attribute, String coreSchema,
                                     boolean create) {
        if (attribute.schema() == null || attribute.schema().equalsIgnoreCase(coreSchema)) {
            return resource;
        }
        String actual = Projection.actualName(resource, attribute.schema());
        JsonNode extension = actual == null ? null : resource.get(actual);
        if (extension != null && extension.isObject()) {
            return (ObjectNode) extension;
        }
        return create ? resource.putObject(attribute.schema()) : null;
    }
}
