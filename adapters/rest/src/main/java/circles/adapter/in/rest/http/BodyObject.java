package circles.adapter.in.rest.http;

import circles.domain.shared.InvalidInput;
import circles.domain.shared.RuleViolation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Typed reading of one JSON object of a request body. A value of the wrong JSON type, or a UUID or date-time that
 * cannot be parsed, is malformed input (400); a value that breaks a constraint (an enumeration, a length, a
 * pattern) is a rule violation (422). Every
 * failure names its field as a path into the body ({@code settings.requireApproval}, {@code [2].role}).
 * Members the contract does not know are ignored.
 */
public final class BodyObject {
    private final ObjectNode node;
    private final String prefix;

    private BodyObject(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** {@code where} is the path of this object inside the body: empty for the body itself. */
    public static BodyObject of(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new InvalidInput(where.isEmpty() ? "body" : where, "must be a JSON object");
        }
        return new BodyObject((ObjectNode) node, where.isEmpty() ? "" : where + ".");
    }

    public String field(String name) {
        return prefix + name;
    }

    /** Present, even as {@code null}. */
    public boolean has(String name) {
        return node.has(name);
    }

    private JsonNode value(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public String text(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInput(field(name), "must be a string");
        }
        return value.textValue();
    }

    /** A whole number that fits an int; null when absent or {@code null}. */
    public Integer integer(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidInput(field(name), "must be a whole number");
        }
        return value.intValue();
    }

    public Boolean bool(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidInput(field(name), "must be true or false");
        }
        return value.booleanValue();
    }

    public UUID uuid(String name) {
        String text = text(name);
        return text == null ? null : Wire.parseUuid(text)
                .orElseThrow(() -> new InvalidInput(field(name), "must be a UUID"));
    }

    public Instant time(String name) {
        String text = text(name);
        return text == null ? null : Wire.parseTime(text)
                .orElseThrow(() -> new InvalidInput(field(name), Wire.TIME_EXPECTED));
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String text = text(name);
        return text == null ? null : enumOf(field(name), text, type, null);
    }

    /** Only some constants of {@code type} are accepted here. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type, Set<E> accepted) {
        String text = text(name);
        return text == null ? null : enumOf(field(name), text, type, accepted);
    }

    private static <E extends Enum<E>> E enumOf(String field, String text, Class<E> type, Set<E> accepted) {
        Optional<E> value = Wire.parseEnum(type, text).filter(e -> accepted == null || accepted.contains(e));
        return value.orElseThrow(() -> RuleViolation.invalidField(field, "must be one of " + (accepted == null
                ? Wire.choices(type)
                : String.join(", ", accepted.stream().map(Wire::name).sorted().toList()))));
    }

    /** An array of strings; null when absent or {@code null}. */
    public List<String> texts(String name) {
        return list(name, (item, where) -> {
            if (!item.isTextual()) {
                throw new InvalidInput(where, "must be a string");
            }
            return item.textValue();
        });
    }

    /** An array of enumeration values; null when absent or {@code null}. */
    public <E extends Enum<E>> List<E> enumValues(String name, Class<E> type, Set<E> accepted) {
        return list(name, (item, where) -> {
            if (!item.isTextual()) {
                throw new InvalidInput(where, "must be a string");
            }
            return enumOf(where, item.textValue(), type, accepted);
        });
    }

    private <T> List<T> list(String name, ItemReader<T> reader) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidInput(field(name), "must be an array");
        }
        List<T> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            items.add(reader.read(value.get(i), field(name) + "[" + i + "]"));
        }
        return items;
    }

    private interface ItemReader<T> {
        T read(JsonNode item, String where);
    }

    /** A nested object; null when absent or {@code null}. */
    public BodyObject object(String name) {
        JsonNode value = value(name);
        return value == null ? null : of(value, field(name));
    }

    /** A nested object as a JSON tree (free-form data); null when absent or {@code null}. */
    public ObjectNode tree(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidInput(field(name), "must be a JSON object");
        }
        return (ObjectNode) value;
    }

    /**
     * A member of a merge patch: null when absent (leave unchanged), {@code Optional.empty()} when {@code null}
     * (clear), otherwise the value read by {@code reader}.
     */
    public <T> Optional<T> patch(String name, Function<String, T> reader) {
        if (!node.has(name)) {
            return null;
        }
        if (node.get(name).isNull()) {
            return Optional.empty();
        }
        return Optional.of(reader.apply(name));
    }
}
