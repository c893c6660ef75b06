package circles.application.service.rule;

import circles.application.port.in.rule.ListCriterionTypesUseCase.CriterionTypeView;
import circles.application.port.in.rule.ValidateRuleUseCase.ValidateRuleCommand;
import circles.application.port.in.rule.ValidateRuleUseCase.ValidatedRule;
import circles.application.port.out.rule.CriterionConfigValidator;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleValidationServiceTest {
    /** Records what it was asked and refuses configurations carrying {@code "refuse": true}. */
    static final class RecordingValidator implements CriterionConfigValidator {
        final List<String> schemas = new ArrayList<>();

        @Override
        public List<FieldError> validate(String schema, Map<String, Object> config) {
            schemas.add(schema);
            return Boolean.TRUE.equals(config.get("refuse"))
                    ? List.of(new FieldError("/refuse", "is not allowed by the schema")) : List.of();
        }
    }

    private final RecordingValidator validator = new RecordingValidator();
    private final RuleValidationService service = new RuleValidationService(CriterionRegistry.withBuiltIns(),
            validator);

    @Test
    void returns_the_canonical_rule_and_its_shape() {
        String group = "3f1c1a4e-8d2b-4c59-9a57-2f0b7d1f5a10";
        ValidatedRule validated = service.validate(new ValidateRuleCommand(Map.of("logic", "OR", "rules", List.of(
                Map.of("field", "job_title", "operator", "starts_with", "value", " Senior "),
                Map.of("field", "reports_to", "value", "boss@example.org")))));

        assertThat(validated.canonical()).isEqualTo(Map.of("any", List.of(
                Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with", "value", "Senior",
                        "caseSensitive", false),
                Map.of("criterion", "reports_to", "managerId", "boss@example.org", "includeNested", false))));
        assertThat(validated.criteria()).isEqualTo(2);
        assertThat(validated.depth()).isEqualTo(2);
        assertThat(validated.absolute()).isTrue();
        assertThat(service.validate(new ValidateRuleCommand(Map.of("criterion", "member_of", "groupId", group)))
                .referencedGroups()).extracting(Object::toString).containsExactly(group);
    }

    @Test
    void every_configuration_is_checked_against_its_types_schema() {
        service.validate(new ValidateRuleCommand(Map.of("all", List.of(Map.of("criterion", "all_members"),
                Map.of("criterion", "reports_to", "managerId", "u1")))));
        assertThat(validator.schemas).hasSize(2);
        assertThat(validator.schemas.get(0)).contains("\"title\": \"all_members\"");
        assertThat(validator.schemas.get(1)).contains("\"title\": \"reports_to\"");
    }

    @Test
    void schema_errors_point_into_the_document() {
        RuleViolation violation = catchThrowableOfType(RuleViolation.class, () -> service.validate(
                new ValidateRuleCommand(Map.of("not", Map.of("criterion", "all_members", "refuse", true)))));
        assertThat(violation.code()).isEqualTo("rule-invalid");
        assertThat(violation.errors()).containsExactly(new FieldError("/not/refuse", "is not allowed by the schema"));
    }

    @Test
    void the_types_own_rules_still_apply_after_the_schema() {
        RuleViolation violation = catchThrowableOfType(RuleViolation.class, () -> service.validate(
                new ValidateRuleCommand(Map.of("criterion", "attribute", "field", "email", "operator", "regex",
                        "value", "("))));
        assertThat(violation.errors()).singleElement().extracting(FieldError::field).isEqualTo("/value");
    }

    @Test
    void a_rule_is_required() {
        assertThatThrownBy(() -> new ValidateRuleCommand(null)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void lists_every_registered_type_with_its_schema() {
        List<CriterionTypeView> types = new CriterionTypesService(CriterionRegistry.withBuiltIns()).listCriterionTypes();
        assertThat(types).extracting(CriterionTypeView::key)
                .containsExactly("attribute", "reports_to", "member_of", "all_members");
        assertThat(types.get(0).operators()).contains("is_under", "regex", "in_list");
        assertThat(types.get(0).fields()).contains("department", "custom.<key>");
        assertThat(types).allSatisfy(type -> assertThat(type.schema()).startsWith("{"));
    }
}
