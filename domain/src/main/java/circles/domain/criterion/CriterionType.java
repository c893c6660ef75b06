package circles.domain.criterion;

import java.util.List;
import java.util.Map;

/**
 * A kind of criterion rules may use: its registry entry (key, title, description, JSON Schema of its
 * configuration, the fields and operators it understands) and the factory of its configured criteria. Adding a
 * type is one implementation plus its registration.
 */
public interface CriterionType {
    /** Stable key used in rules, e.g. {@code attribute}; lower-case letters, digits and '_'. */
    String key();

    String title();

    String description();

    /** The JSON Schema (draft 2020-12) of the configuration, as JSON text; the {@code criterion} key is not part of it. */
    String configSchema();

    /** The fields this type tests (empty when it has no field). */
    default List<String> fields() {
        return List.of();
    }

    /** The operators this type understands (empty when it has none). */
    default List<String> operators() {
        return List.of();
    }

    /**
     * Builds the criterion from its configuration (plain Java values as a JSON parser produces them, without the
     * {@code criterion} key).
     *
     * @throws circles.domain.shared.RuleViolation when the configuration is invalid; each field error names the
     *                                             offending property as a JSON pointer relative to the
     *                                             configuration ({@code /value})
     */
    Criterion parse(Map<String, Object> config);
}
