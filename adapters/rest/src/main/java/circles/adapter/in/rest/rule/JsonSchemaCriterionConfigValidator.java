package circles.adapter.in.rest.rule;

import circles.application.port.out.rule.CriterionConfigValidator;
import circles.domain.shared.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates criterion configurations with the networknt JSON Schema library (draft 2020-12). Each type's schema
 * is compiled once. Errors name the failing property as a JSON pointer relative to the configuration; several
 * complaints about one property (an {@code anyOf}) become one error.
 */
@ApplicationScoped
public class JsonSchemaCriterionConfigValidator implements CriterionConfigValidator {
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final ObjectMapper json;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    @Inject
    public JsonSchemaCriterionConfigValidator(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public List<FieldError> validate(String schema, Map<String, Object> config) {
        JsonSchema compiledSchema = compiled.computeIfAbsent(schema, text -> FACTORY.getSchema(text, CONFIG));
        JsonNode instance = json.valueToTree(config == null ? Map.of() : config);
        Map<String, List<String>> byField = new TreeMap<>();
        for (ValidationMessage message : compiledSchema.validate(instance)) {
            String location = message.getInstanceLocation() == null ? "" : message.getInstanceLocation().toString();
            String field = location;
            if (message.getProperty() != null && ("required".equals(message.getType())
                    || "additionalProperties".equals(message.getType()))) {
                field = location + "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
            }
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(text(message, location));
        }
        List<FieldError> errors = new ArrayList<>();
        byField.forEach((field, messages) -> errors.add(new FieldError(field,
                String.join("; ", messages.stream().distinct().toList()))));
        return errors;
    }

    /** The library's message without the location it starts with. */
    private static String text(ValidationMessage message, String location) {
        String text = message.getMessage();
        String prefix = location + ": ";
        if (text.startsWith(prefix)) {
            return text.substring(prefix.length());
        }
        return text.startsWith(": ") ? text.substring(2) : text;
    }
}
