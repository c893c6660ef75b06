package circles.domain.rule;

import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.attribute.AttributeCriterion;
import circles.domain.criterion.reporting.ReportsToCriterion;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleParserTest {
    private final RuleParser parser = new RuleParser(CriterionRegistry.withBuiltIns());

    static Map<String, Object> attribute(String field, String operator, Object value) {
        Map<String, Object> leaf = new LinkedHashMap<>();
        leaf.put("criterion", "attribute");
        leaf.put("field", field);
        leaf.put("operator", operator);
        leaf.put("value", value);
        return leaf;
    }

    private List<String> problems(Object document) {
        RuleViolation violation = catchThrowableOfType(RuleViolation.class, () -> parser.parse(document));
        assertThat(violation).as("the rule should be refused").isNotNull();
        assertThat(violation.code()).isEqualTo("rule-invalid");
        return violation.errors().stream().map(e -> e.field() + " " + e.message()).toList();
    }

    @Test
    void reads_the_canonical_tree_of_the_design() {
        String group = "3f1c1a4e-8d2b-4c59-9a57-2f0b7d1f5a10";
        Map<String, Object> document = Map.of("all", List.of(
                attribute("department", "is_under", "engineering"),
                Map.of("any", List.of(
                        Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with",
                                "value", "senior", "caseSensitive", false),
                        Map.of("criterion", "reports_to", "managerId", "u-123", "includeNested", true))),
                Map.of("not", Map.of("criterion", "member_of", "groupId", group))));

        Rule rule = parser.parse(document);

        assertThat(rule).isInstanceOf(Rule.All.class);
        assertThat(rule.leafCount()).isEqualTo(4);
        assertThat(rule.depth()).isEqualTo(3);
        assertThat(rule.referencedGroups()).extracting(Object::toString).containsExactly(group);
        assertThat(((Rule.All) rule).rules().get(2)).isInstanceOf(Rule.Not.class);
    }

    @Test
    void writes_the_canonical_form_and_reads_it_back_equal() {
        Map<String, Object> document = Map.of("any", List.of(
                attribute("custom.team", "in_list", "a, b"),
                Map.of("not", Map.of("criterion", "all_members"))));
        Rule rule = parser.parse(document);
        Map<String, Object> canonical = RuleWriter.canonical(rule);

        assertThat(canonical).isEqualTo(Map.of("any", List.of(
                Map.of("criterion", "attribute", "field", "custom.team", "operator", "in_list",
                        "value", List.of("a", "b"), "caseSensitive", false),
                Map.of("not", Map.of("criterion", "all_members")))));
        assertThat(parser.parse(canonical)).isEqualTo(rule);
    }

    @Test
    void reads_the_flat_seed_form_with_its_field_names() {
        Map<String, Object> document = Map.of("logic", "OR", "rules", List.of(
                Map.of("id", "r1", "field", "job_title", "operator", "contains", "value", "engineer"),
                Map.of("id", "r2", "field", "org_unit_path", "operator", "starts_with", "value", "/eng"),
                Map.of("field", "employee_type", "operator", "equals", "value", "contractor"),
                Map.of("field", "cost_center", "operator", "in_list", "value", "cc1,cc2"),
                Map.of("field", "user_type", "operator", "equals", "value", "guest", "caseSensitive", true),
                Map.of("field", "custom_field", "customKey", "shirt", "operator", "equals", "value", "L"),
                Map.of("field", "department", "operator", "is_empty", "value", "")));

        Rule rule = parser.parse(document);

        assertThat(rule).isInstanceOf(Rule.Any.class);
        assertThat(rule.criteria()).extracting(c -> ((AttributeCriterion) c).field().name())
                .containsExactly("jobTitle", "orgUnitPath", "employeeType", "costCenter", "userType",
                        "custom.shirt", "department");
        assertThat(((AttributeCriterion) rule.criteria().get(4)).caseSensitive()).isTrue();
        assertThat(parser.parse(Map.of("logic", "and", "rules", List.of(attribute("email", "is_empty", null)))))
                .isInstanceOf(Rule.All.class);
    }

    @Test
    void the_seeds_reports_to_field_becomes_a_reports_to_criterion() {
        Rule rule = parser.parse(Map.of("logic", "AND", "includeNested", true, "rules", List.of(
                Map.of("field", "reports_to", "operator", "equals", "value", "boss@example.org"),
                Map.of("field", "reports_to", "operator", "equals", "value", "u-7", "includeNested", false),
                Map.of("field", "reports_to", "operator", "not_equals", "value", "u-9"))));

        List<Rule> parts = ((Rule.All) rule).rules();
        assertThat(parts.get(0)).isEqualTo(new Rule.Leaf(new ReportsToCriterion("boss@example.org", true)));
        assertThat(parts.get(1)).isEqualTo(new Rule.Leaf(new ReportsToCriterion("u-7", false)));
        assertThat(parts.get(2)).isEqualTo(new Rule.Not(new Rule.Leaf(new ReportsToCriterion("u-9", true))));
        assertThat(problems(Map.of("logic", "AND", "rules", List.of(
                Map.of("field", "reports_to", "operator", "equals", "value", " ")))))
                .containsExactly("/rules/0/value must not be blank");
    }

    @Test
    void errors_point_at_the_failing_node() {
        Map<String, Object> document = Map.of("all", List.of(
                attribute("email", "equals", "a"),
                attribute("email", "equals", "b"),
                Map.of("any", List.of(attribute("jobTitle", "regex", "(oops"))),
                Map.of("not", Map.of("criterion", "teleport")),
                Map.of("any", List.of())));

        assertThat(problems(document)).containsExactly(
                "/all/2/any/0/value is not a valid RE2 regular expression: missing closing )",
                "/all/3/not/criterion unknown criterion type 'teleport'; known: attribute, reports_to, member_of, "
                        + "all_members",
                "/all/4/any must not be empty");
    }

    @Test
    void flat_form_errors_point_into_the_rules_list() {
        assertThat(problems(Map.of("logic", "XOR", "rules", List.of(
                Map.of("field", "custom_field", "operator", "equals", "value", "x"),
                Map.of("field", "job_title", "operator", "is_under", "value", "x")))))
                .containsExactly("/logic must be AND or OR",
                        "/rules/0/field must be one of department, location, jobTitle, managerId, orgUnitPath, "
                                + "employeeType, costCenter, email, userType or custom.<key> (key: 1 to 64 letters, "
                                + "digits, '_', '.' or '-')",
                        "/rules/1/operator is_under applies to the tree fields department, location, orgUnitPath only");
        assertThat(problems(Map.of("logic", "AND", "rules", List.of()))).containsExactly("/rules must not be empty");
    }

    @Test
    void refuses_malformed_nodes() {
        assertThat(problems(null)).containsExactly(" a rule is required");
        assertThat(problems(List.of())).containsExactly(" must be an object");
        assertThat(problems(Map.of("all", "x"))).containsExactly("/all must be a list of rules");
        assertThat(problems(Map.of("all", List.of(1)))).containsExactly("/all/0 must be an object");
        assertThat(problems(Map.of("all", List.of(attribute("email", "is_empty", null)), "any", List.of())))
                .containsExactly(" must have exactly one of all, any, not, criterion or logic/rules");
        assertThat(problems(Map.of("not", Map.of("criterion", "all_members"), "extra", 1)))
                .containsExactly("/extra is not allowed next to not");
        assertThat(problems(Map.of("criterion", 7))).containsExactly("/criterion must be a string");
        assertThat(problems(Map.of("operator", "equals"))).singleElement().asString()
                .startsWith(" must name a criterion");
    }

    @Test
    void a_rule_has_at_most100_criteria() {
        List<Object> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(attribute("email", "equals", "a" + i));
        }
        assertThat(parser.parse(Map.of("any", hundred)).leafCount()).isEqualTo(100);

        List<Object> tooMany = new ArrayList<>(hundred);
        tooMany.add(attribute("email", "equals", "x"));
        tooMany.add(attribute("email", "equals", "y"));
        assertThat(problems(Map.of("any", tooMany)))
                .containsExactly("/any/100 is one criterion too many: a rule has at most 100 criteria");
    }

    @Test
    void a_rule_is_at_most8_levels_deep_counting_the_root() {
        Object eight = Map.of("criterion", "all_members");
        for (int level = 0; level < 7; level++) {
            eight = Map.of("not", eight);
        }
        assertThat(parser.parse(eight).depth()).isEqualTo(8);

        Object nine = Map.of("all", List.of(eight));
        assertThat(problems(nine)).containsExactly(
                "/all/0/not/not/not/not/not/not/not is too deep: a rule has at most 8 levels (the root counts as 1)");
    }

    @Test
    void configuration_checks_run_before_the_type_and_point_into_the_node() {
        RuleParser checked = new RuleParser(CriterionRegistry.withBuiltIns(),
                (type, config) -> type.key().equals("reports_to")
                        ? List.of(new FieldError("/managerId", "schema says no")) : List.of());
        RuleViolation violation = catchThrowableOfType(RuleViolation.class, () -> checked.parse(Map.of("any",
                List.of(Map.of("criterion", "reports_to", "managerId", "u1"), attribute("email", "is_empty", null)))));
        assertThat(violation.errors()).containsExactly(new FieldError("/any/0/managerId", "schema says no"));
        assertThat(violation.getMessage()).contains("/any/0/managerId schema says no");
    }

    @Test
    void empty_composites_cannot_be_built_directly() {
        assertThatThrownBy(() -> new Rule.All(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rule.Any(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
