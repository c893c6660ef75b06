package circles.application.port.out.rule;

import circles.domain.shared.FieldError;

import java.util.List;
import java.util.Map;

/** Checks a criterion's configuration against the JSON Schema its type publishes. */
public interface CriterionConfigValidator {
    /**
     * @param schema the type's JSON Schema as JSON text
     * @param config the configuration as plain Java values (without the {@code criterion} key)
     * @return one error per problem, each field a JSON pointer relative to the configuration ({@code /value});
     *         empty when the configuration fits the schema
     */
    List<FieldError> validate(String schema, Map<String, Object> config);
}
