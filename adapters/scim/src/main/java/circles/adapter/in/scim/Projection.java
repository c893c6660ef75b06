package circles.adapter.in.scim;

import circles.adapter.in.scim.filter.AttributePath;
import circles.adapter.in.scim.filter.FilterEvaluator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5): which attributes an
 * answer shows. {@code id} and {@code schemas} are always shown; with {@code attributes}, only the named ones
 * (and {@code meta} only when named).
 */
final class Projection {
    static final Projection ALL = new Projection(null, List.of());

    private final List<AttributePath> included;
    private final List<AttributePath> excluded;

    private Projection(List<AttributePath> included, List<AttributePath> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    static Projection of(String attributes, String excludedAttributes) {
        List<AttributePath> included = paths(attributes);
        return new Projection(included.isEmpty() ? null : included, paths(excludedAttributes));
    }

    private static List<AttributePath> paths(String list) {
        List<AttributePath> paths = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return paths;
        }
        for (String item : list.split(",")) {
            String text = item.strip();
            if (text.isEmpty()) {
                continue;
            }
            AttributePath path = AttributePath.parse(text);
            if (path == null) {
                throw ScimException.invalidValue("'" + text + "' is not an attribute path");
            }
            paths.add(path);
        }
        return paths;
    }

    /** Whether the answer shows the attribute {@code name} of the resource itself (e.g. a group's members). */
    boolean shows(String name) {
        if (included != null) {
            return included.stream().anyMatch(path -> path.name().equalsIgnoreCase(name));
        }
        return excluded.stream().noneMatch(path -> path.name().equalsIgnoreCase(name) && path.subAttribute() == null);
    }

    ObjectNode apply(ObjectNode resource, String coreSchema) {
        if (included != null) {
            ObjectNode shown = ScimHttp.newObject();
            shown.set("schemas", resource.get("schemas"));
            shown.set("id", resource.get("id"));
            for (AttributePath path : included) {
                copy(resource, shown, path, coreSchema);
            }
            return shown;
        }
        if (excluded.isEmpty()) {
            return resource;
        }
        ObjectNode shown = resource.deepCopy();
        for (AttributePath path : excluded) {
            if (path.name().equalsIgnoreCase("id") || path.name().equalsIgnoreCase("schemas")) {
                continue;
            }
            ObjectNode holder = holder(shown, path, coreSchema);
            String name = actualName(holder, path.name());
            if (holder == null || name == null) {
                continue;
            }
            if (path.subAttribute() == null) {
                holder.remove(name);
            } else {
                removeSub(holder.get(name), path.subAttribute());
            }
        }
        return shown;
    }

    private static void copy(ObjectNode from, ObjectNode to, AttributePath path, String coreSchema) {
        ObjectNode source = holder(from, path, coreSchema);
        String name = actualName(source, path.name());
        if (source == null || name == null) {
            return;
        }
        ObjectNode target = to;
        if (source != from) {
            String schema = actualName(from, path.schema());
            target = to.has(schema) ? (ObjectNode) to.get(schema) : to.putObject(schema);
        }
        JsonNode value = source.get(name);
        if (path.subAttribute() == null) {
            target.set(name, value.deepCopy());
            return;
        }
        JsonNode picked = pickSub(value, path.subAttribute());
        if (picked != null) {
            JsonNode existing = target.get(name);
            if (existing != null && existing.isObject() && picked.isObject()) {
                ((ObjectNode) existing).setAll((ObjectNode) picked);
            } else {
                target.set(name, picked);
            }
        }
    }

    private static JsonNode pickSub(JsonNode value, String sub) {
        if (value.isArray()) {
            ArrayNode picked = ScimHttp.mapper().createArrayNode();
            for (JsonNode item : value) {
                JsonNode one = pickSub(item, sub);
                if (one != null) {
                    picked.add(one);
                }
            }
            return picked;
        }
        if (value.isObject()) {
            String name = actualName((ObjectNode) value, sub);
            if (name == null) {
                return null;
            }
            ObjectNode picked = ScimHttp.newObject();
            picked.set(name, value.get(name).deepCopy());
            return picked;
        }
        return null;
    }

    private static void removeSub(JsonNode value, String sub) {
        if (value == null) {
            return;
        }
        if (value.isArray()) {
            value.forEach(item -> removeSub(item, sub));
        } else if (value.isObject()) {
            String name = actualName((ObjectNode) value, sub);
            if (name != null) {
                ((ObjectNode) value).remove(name);
            }
        }
    }

    /** The object holding the path's attribute: the resource, or its extension object. */
    private static ObjectNode holder(ObjectNode resource, AttributePath path, String coreSchema) {
        if (path.schema() == null || path.schema().equalsIgnoreCase(coreSchema)) {
            return resource;
        }
        JsonNode extension = FilterEvaluator.field(resource, path.schema());
        return extension != null && extension.isObject() ? (ObjectNode) extension : null;
    }

    /** The spelling {@code object} uses for the field named {@code name} ignoring case, or null. */
    static String actualName(ObjectNode object, String name) {
        if (object == null) {
            return null;
        }
        if (object.has(name)) {
            return name;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }
}
