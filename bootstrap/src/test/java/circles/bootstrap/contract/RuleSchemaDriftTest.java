package circles.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.CriterionType;
import circles.domain.criterion.activity.ActivityData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rule language of {@code openapi.yaml} (the {@code Criterion} union, one schema per built-in criterion
 * type) in step with the registry's JSON Schemas, which are what the server validates against: for every built-in
 * type the same property names, required keys, enumerations, types and bounds. Plain JUnit on the built-in types
 * alone, so no extension type found on the class path takes part.
 */
class RuleSchemaDriftTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContractDocument CONTRACT = ContractDocument.load();

    /** The activity types only keep a reference to their data; describing them never reads it. */
    private static final ActivityData NO_ACTIVITY = (ActivityData) Proxy.newProxyInstance(
            ActivityData.class.getClassLoader(), new Class<?>[] {ActivityData.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException("describing a criterion type reads no activity");
            });

    private static List<CriterionType> builtIns() {
        List<CriterionType> types = new ArrayList<>(CriterionRegistry.builtInTypes());
        types.addAll(CriterionRegistry.activityTypes(NO_ACTIVITY));
        return new CriterionRegistry(types).all();
    }

    private static JsonNode criterion() {
        return CONTRACT.root().path("components").path("schemas").path("Criterion");
    }

    @Test
    void the_criterion_union_names_exactly_the_built_in_types() {
        Set<String> mapped = new TreeSet<>();
        criterion().path("discriminator").path("mapping").fieldNames().forEachRemaining(mapped::add);
        Set<String> builtIn = new TreeSet<>(builtIns().stream().map(CriterionType::key).toList());

        assertThat(criterion().path("discriminator").path("propertyName").asText()).isEqualTo("criterion");
        assertThat(mapped).isEqualTo(builtIn);
        assertThat(criterion().path("oneOf")).hasSize(builtIn.size());
        Set<String> targets = new TreeSet<>();
        criterion().path("discriminator").path("mapping").forEach(target -> targets.add(target.asText()));
        Set<String> branches = new TreeSet<>();
        criterion().path("oneOf").forEach(branch -> branches.add(branch.path("$ref").asText()));
        assertThat(branches).as("the oneOf branches are the discriminator's targets").isEqualTo(targets);
    }

    @Test
    void every_built_in_criterion_schema_matches_the_registry_schema() {
        List<String> differences = new ArrayList<>();
        for (CriterionType type : builtIns()) {
            String key = type.key();
            JsonNode ref = criterion().path("discriminator").path("mapping").path(key);
            if (ref.isMissingNode()) {
                differences.add(key + ": not in the Criterion discriminator mapping");
                continue;
            }
            JsonNode contract = CONTRACT.resolve(JSON.createObjectNode().put("$ref", ref.asText()));
            JsonNode registry = parse(type.configSchema());
            compare(key, contract, registry, differences);
        }
        assertThat(differences).isEmpty();
    }

    private void compare(String key, JsonNode contract, JsonNode registry, List<String> differences) {
        JsonNode discriminator = contract.path("properties").path("criterion");
        if (!List.of(key).equals(texts(discriminator.path("enum")).stream().toList())) {
            differences.add(key + ": property criterion must be the enum [" + key + "]");
        }
        if (!texts(contract.path("required")).contains("criterion")) {
            differences.add(key + ": criterion must be required");
        }
        Set<String> contractProperties = names(contract.path("properties"));
        contractProperties.remove("criterion");
        Set<String> registryProperties = names(registry.path("properties"));
        if (!contractProperties.equals(registryProperties)) {
            differences.add(key + ": properties " + contractProperties + " in openapi.yaml, " + registryProperties
                    + " in the registry");
        }
        Set<String> contractRequired = texts(contract.path("required"));
        contractRequired.remove("criterion");
        Set<String> registryRequired = texts(registry.path("required"));
        if (!contractRequired.equals(registryRequired)) {
            differences.add(key + ": required " + contractRequired + " in openapi.yaml, " + registryRequired
                    + " in the registry");
        }
        if (contract.path("additionalProperties").asBoolean(true)
                != registry.path("additionalProperties").asBoolean(true)) {
            differences.add(key + ": additionalProperties differs");
        }
        for (String property : registryProperties) {
            if (!contractProperties.contains(property)) {
                continue;
            }
            JsonNode mine = CONTRACT.resolve(contract.path("properties").path(property));
            JsonNode theirs = registry.path("properties").path(property);
            String at = key + "." + property;
            if (!enums(mine).equals(enums(theirs))) {
                differences.add(at + ": enum " + enums(mine) + " in openapi.yaml, " + enums(theirs)
                        + " in the registry");
            }
            if (theirs.has("type") && !theirs.path("type").equals(mine.path("type"))) {
                differences.add(at + ": type " + mine.path("type") + " in openapi.yaml, " + theirs.path("type")
                        + " in the registry");
            }
            for (String bound : List.of("minimum", "maximum", "minLength", "maxLength", "default", "format")) {
                if (!theirs.path(bound).equals(mine.path(bound))
                        && !(theirs.path(bound).isNumber() && mine.path(bound).isNumber()
                        && theirs.path(bound).decimalValue().compareTo(mine.path(bound).decimalValue()) == 0)) {
                    differences.add(at + ": " + bound + " " + mine.path(bound) + " in openapi.yaml, "
                            + theirs.path(bound) + " in the registry");
                }
            }
        }
    }

    /** The enumerated values a property allows, directly or in its anyOf / oneOf branches. */
    private Set<String> enums(JsonNode schema) {
        Set<String> values = new TreeSet<>(texts(schema.path("enum")));
        for (String combinator : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(combinator)) {
                values.addAll(enums(CONTRACT.resolve(branch)));
            }
        }
        return values;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static JsonNode parse(String schema) {
        try {
            return JSON.readTree(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
