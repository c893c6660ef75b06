package circles.adapter.in.rest.rule;

import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.CriterionType;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleParser;
import circles.domain.rule.RuleWriter;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonSchemaCriterionConfigValidatorTest {
    private final JsonSchemaCriterionConfigValidator validator =
            new JsonSchemaCriterionConfigValidator(new ObjectMapper());
    private final CriterionRegistry registry = CriterionRegistry.withBuiltIns();

    private String schema(String key) {
        return registry.find(key).map(CriterionType::configSchema).orElseThrow();
    }

    @Test
    void every_built_in_schema_is_valid_json_schema_and_accepts_canonical_configurations() {
        RuleParser parser = new RuleParser(registry);
        Rule rule = parser.parse(Map.of("all", List.of(
                Map.of("criterion", "attribute", "field", "custom.team", "operator", "in_list", "value", "a,b"),
                Map.of("criterion", "attribute", "field", "department", "operator", "is_under", "value", "eng",
                        "caseSensitive", true),
                Map.of("criterion", "attribute", "field", "email", "operator", "is_empty"),
                Map.of("criterion", "reports_to", "managerId", "boss@example.org", "includeNested", true),
                Map.of("criterion", "member_of", "groupId", "3f1c1a4e-8d2b-4c59-9a57-2f0b7d1f5a10"),
                Map.of("criterion", "all_members"))));
        for (Object node : (List<?>) RuleWriter.canonical(rule).get("all")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new java.util.LinkedHashMap<>((Map<String, Object>) node);
            String key = (String) config.remove("criterion");
            assertThat(validator.validate(schema(key), config)).as(key).isEmpty();
        }
    }

    @Test
    void problems_name_the_property_as_a_pointer() {
        assertThat(validator.validate(schema("reports_to"), Map.of("includeNested", "yes")))
                .extracting(FieldError::field).containsExactly("/includeNested", "/managerId");
        assertThat(validator.validate(schema("attribute"), Map.of("field", "salary", "operator", "equals",
                "value", "x", "colour", "red")))
                .extracting(FieldError::field).containsExactly("/colour", "/field");
        assertThat(validator.validate(schema("attribute"), Map.of("field", "email", "operator", "like")))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("/operator");
                    assertThat(error.message()).doesNotStartWith("/operator");
                });
        assertThat(validator.validate(schema("all_members"), Map.of("x", 1)))
                .extracting(FieldError::field).containsExactly("/x");
    }

    @Test
    void the_rule_parser_reports_schema_problems_at_their_node() {
        RuleParser parser = new RuleParser(registry, (type, config) -> validator.validate(type.configSchema(), config));
        RuleViolation violation = catchThrowableOfType(RuleViolation.class, () -> parser.parse(Map.of("any", List.of(
                Map.of("criterion", "all_members"),
                Map.of("not", Map.of("criterion", "reports_to", "managerId", 5))))));
        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("/any/1/not/managerId");
    }
}
