package circles.domain.criterion.attribute;

import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.Outcome;
import circles.domain.criterion.TestOrg;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.rule.OrgSnapshot;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeCriterionTest {
    private static final AttributeCriterionType TYPE = new AttributeCriterionType();
    private static final OrgSnapshot ORG = new TestOrg()
            .tree(MasterDataKind.DEPARTMENT, "engineering", "company")
            .tree(MasterDataKind.DEPARTMENT, "backend", "engineering")
            .tree(MasterDataKind.DEPARTMENT, "payments", "backend")
            .tree(MasterDataKind.LOCATION, "berlin", "germany")
            .snapshot();

    static Criterion criterion(String field, String operator, Object value, Boolean caseSensitive) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("field", field);
        config.put("operator", operator);
        if (value != null) {
            config.put("value", value);
        }
        if (caseSensitive != null) {
            config.put("caseSensitive", caseSensitive);
        }
        return TYPE.parse(config);
    }

    static Outcome judge(MemberProfile profile, String field, String operator, Object value, boolean caseSensitive) {
        return criterion(field, operator, value, caseSensitive)
                .matches(new Candidate(UserId.of("u1"), MemberStatus.ACTIVE, profile), ORG);
    }

    static boolean test(MemberProfile profile, String field, String operator, Object value) {
        return judge(profile, field, operator, value, false).matched();
    }

    @Nested
    class TextOperators {
        private final MemberProfile ana = TestOrg.profile("jobTitle", "Senior Engineer", "email", "Ana@Example.org",
                "employeeType", "full_time", "costCenter", "CC-100", "userType", "staff",
                "custom.shirt", "  Large  ", "managerId", "boss-1");

        @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
        @CsvSource({
                "jobTitle, equals, senior engineer, true",
                "jobTitle, equals, '  SENIOR ENGINEER  ', true",
                "jobTitle, equals, senior, false",
                "jobTitle, not_equals, senior, true",
                "jobTitle, not_equals, Senior Engineer, false",
                "jobTitle, contains, IOR ENG, true",
                "jobTitle, contains, manager, false",
                "jobTitle, not_contains, manager, true",
                "jobTitle, not_contains, engineer, false",
                "jobTitle, starts_with, senior, true",
                "jobTitle, starts_with, engineer, false",
                "jobTitle, ends_with, ENGINEER, true",
                "jobTitle, ends_with, senior, false",
                "email, ends_with, @example.org, true",
                "email, equals, ana@example.org, true",
                "employeeType, equals, FULL_TIME, true",
                "costCenter, starts_with, cc-, true",
                "userType, equals, staff, true",
                "userType, equals, guest, false",
                "managerId, equals, BOSS-1, true",
                "managerId, not_equals, boss-2, true",
                "custom.shirt, equals, large, true",
                "custom.shirt, starts_with, lar, true",
                "custom.shirt, ends_with, rge, true",
                "custom.missing, equals, large, false",
                "custom.missing, not_equals, large, true",
        })
        void compareTrimmedValuesIgnoringCase(String field, String operator, String value, boolean expected) {
            assertThat(test(ana, field, operator, value)).isEqualTo(expected);
        }

        @Test
        void case_sensitive_comparisons_respect_case() {
            assertThat(judge(ana, "jobTitle", "equals", "senior engineer", true).matched()).isFalse();
            assertThat(judge(ana, "jobTitle", "equals", "Senior Engineer", true).matched()).isTrue();
            assertThat(judge(ana, "jobTitle", "not_equals", "senior engineer", true).matched()).isTrue();
            assertThat(judge(ana, "jobTitle", "contains", "ior Eng", true).matched()).isTrue();
            assertThat(judge(ana, "jobTitle", "starts_with", "SENIOR", true).matched()).isFalse();
            assertThat(judge(ana, "custom.shirt", "equals", "Large", true).matched()).isTrue();
            assertThat(judge(ana, "jobTitle", "in_list", List.of("senior engineer"), true).matched()).isFalse();
        }

        @Test
        void in_list_takes_a_list_or_a_comma_separated_string() {
            assertThat(test(ana, "jobTitle", "in_list", List.of("Intern", " senior ENGINEER "))).isTrue();
            assertThat(test(ana, "jobTitle", "in_list", "intern, senior engineer ,")).isTrue();
            assertThat(test(ana, "jobTitle", "in_list", "intern,senior")).isFalse();
            assertThat(test(ana, "jobTitle", "not_in_list", "intern,senior")).isTrue();
            assertThat(test(ana, "jobTitle", "not_in_list", List.of("senior engineer"))).isFalse();
            assertThat(test(ana, "custom.shirt", "in_list", "small, large")).isTrue();
        }

        @Test
        void regex_searches_unless_anchored_and_ignores_case_unless_asked() {
            assertThat(test(ana, "jobTitle", "regex", "eng")).isTrue();
            assertThat(test(ana, "jobTitle", "regex", "^eng")).isFalse();
            assertThat(test(ana, "jobTitle", "regex", "^senior\\s+\\w+$")).isTrue();
            assertThat(judge(ana, "jobTitle", "regex", "^senior", true).matched()).isFalse();
            assertThat(judge(ana, "jobTitle", "regex", "^Senior", true).matched()).isTrue();
            assertThat(test(ana, "custom.shirt", "regex", "^large$")).isTrue();
            assertThat(test(ana, "email", "regex", "@example\\.(org|com)$")).isTrue();
        }

        @Test
        void is_empty_and_is_not_empty() {
            assertThat(test(ana, "jobTitle", "is_not_empty", null)).isTrue();
            assertThat(test(ana, "jobTitle", "is_empty", null)).isFalse();
            assertThat(test(ana, "location", "is_empty", null)).isTrue();
            assertThat(test(ana, "location", "is_not_empty", null)).isFalse();
            assertThat(test(ana, "custom.shirt", "is_not_empty", "")).isTrue();
        }
    }

    @Nested
    class MissingAndBlankValues {
        private final MemberProfile blank = TestOrg.profile("custom.blank", "   ", "custom.empty", "");

        @ParameterizedTest(name = "{0} on a missing value")
        @ValueSource(strings = {"equals", "contains", "starts_with", "ends_with", "regex", "in_list"})
        void positive_operators_fail(String operator) {
            for (String field : List.of("department", "location", "jobTitle", "managerId", "orgUnitPath",
                    "employeeType", "costCenter", "email", "userType", "custom.blank", "custom.empty",
                    "custom.absent")) {
                assertThat(test(blank, field, operator, "x")).as(field).isFalse();
            }
        }

        @ParameterizedTest(name = "{0} on a missing value")
        @ValueSource(strings = {"not_equals", "not_contains", "not_in_list"})
        void negated_operators_hold(String operator) {
            for (String field : List.of("jobTitle", "email", "custom.blank", "custom.absent")) {
                assertThat(test(blank, field, operator, "x")).as(field).isTrue();
            }
        }

        @Test
        void tree_operators_follow_the_same_rule() {
            for (String field : List.of("department", "location", "orgUnitPath")) {
                assertThat(test(blank, field, "is", "x")).isFalse();
                assertThat(test(blank, field, "is_under", "x")).isFalse();
                assertThat(test(blank, field, "is_not", "x")).isTrue();
                assertThat(test(blank, field, "is_not_under", "x")).isTrue();
            }
        }

        @Test
        void blank_counts_as_empty() {
            assertThat(test(blank, "custom.blank", "is_empty", null)).isTrue();
            assertThat(test(blank, "custom.empty", "is_empty", null)).isTrue();
            assertThat(test(blank, "custom.absent", "is_empty", null)).isTrue();
            assertThat(test(blank, "custom.blank", "is_not_empty", null)).isFalse();
        }

        @Test
        void explanation_says_the_value_is_empty() {
            Outcome outcome = judge(blank, "custom.blank", "not_equals", "x", false);
            assertThat(outcome.detail()).contains("custom.blank is empty").contains("not_equals \"x\"");
        }
    }

    @Nested
    class TreeOperators {
        @Test
        void is_under_means_the_node_or_any_descendant() {
            MemberProfile payments = TestOrg.profile("department", "payments");
            assertThat(test(payments, "department", "is_under", "engineering")).isTrue();
            assertThat(test(payments, "department", "is_under", "company")).isTrue();
            assertThat(test(payments, "department", "is_under", "payments")).isTrue();
            assertThat(test(payments, "department", "is_under", "ENGINEERING")).isTrue();
            assertThat(test(payments, "department", "is_under", "sales")).isFalse();
            assertThat(test(payments, "department", "is_not_under", "backend")).isFalse();
            assertThat(test(payments, "department", "is_not_under", "sales")).isTrue();
            assertThat(test(TestOrg.profile("department", "engineering"), "department", "is_under", "backend"))
                    .isFalse();
        }

        @Test
        void is_means_exactly_that_node() {
            MemberProfile backend = TestOrg.profile("department", "backend", "location", "berlin");
            assertThat(test(backend, "department", "is", "backend")).isTrue();
            assertThat(test(backend, "department", "is", "engineering")).isFalse();
            assertThat(test(backend, "department", "is_not", "engineering")).isTrue();
            assertThat(test(backend, "department", "is_not", " Backend ")).isFalse();
            assertThat(test(backend, "location", "is_under", "germany")).isTrue();
            assertThat(test(backend, "location", "is", "germany")).isFalse();
        }

        @Test
        void an_unknown_key_is_a_leaf_with_no_children() {
            MemberProfile ghost = TestOrg.profile("department", "ghost-team");
            assertThat(test(ghost, "department", "is_under", "ghost-team")).isTrue();
            assertThat(test(ghost, "department", "is_under", "engineering")).isFalse();
            assertThat(test(ghost, "department", "is_not_under", "engineering")).isTrue();
            assertThat(test(TestOrg.profile("department", "payments"), "department", "is_under", "nowhere"))
                    .isFalse();
        }

        @Test
        void mixed_case_values_find_their_node_unless_case_sensitive() {
            MemberProfile shouting = TestOrg.profile("department", "Payments");
            assertThat(test(shouting, "department", "is_under", "engineering")).isTrue();
            assertThat(judge(shouting, "department", "is_under", "engineering", true).matched()).isFalse();
        }

        @Test
        void org_unit_paths_compare_whole_segments() {
            MemberProfile ab = TestOrg.profile("orgUnitPath", "/a/b");
            assertThat(test(ab, "orgUnitPath", "is_under", "/a")).isTrue();
            assertThat(test(ab, "orgUnitPath", "is_under", "/a/b")).isTrue();
            assertThat(test(ab, "orgUnitPath", "is_under", "/A/")).isTrue();
            assertThat(test(ab, "orgUnitPath", "is_under", "/a/b/c")).isFalse();
            assertThat(test(TestOrg.profile("orgUnitPath", "/ab"), "orgUnitPath", "is_under", "/a")).isFalse();
            assertThat(test(ab, "orgUnitPath", "is", "/a/b/")).isTrue();
            assertThat(test(ab, "orgUnitPath", "is", "/a")).isFalse();
            assertThat(test(ab, "orgUnitPath", "is_not", "/a")).isTrue();
            assertThat(test(ab, "orgUnitPath", "is_not_under", "/a")).isFalse();
            assertThat(test(ab, "orgUnitPath", "starts_with", "/a")).isTrue();
            assertThat(judge(ab, "orgUnitPath", "is_under", "/A", true).matched()).isFalse();
        }

        @Test
        void explanation_shows_the_ancestors() {
            Outcome outcome = judge(TestOrg.profile("department", "payments"), "department", "is_under", "company",
                    false);
            assertThat(outcome.matched()).isTrue();
            assertThat(outcome.detail()).contains("\"payments\"").contains("backend < engineering < company")
                    .contains("is_under \"company\"");
        }
    }

    @Nested
    class Configuration {
        Map<String, Object> config(Object... keysAndValues) {
            Map<String, Object> config = new HashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                config.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return config;
        }

        List<String> problems(Map<String, Object> config) {
            try {
                TYPE.parse(config);
                return List.of();
            } catch (RuleViolation violation) {
                return violation.errors().stream().map(e -> e.field() + " " + e.message()).toList();
            }
        }

        @Test
        void tree_operators_only_apply_to_tree_fields() {
            assertThat(problems(config("field", "jobTitle", "operator", "is_under", "value", "x")))
                    .singleElement().asString().startsWith("/operator is_under applies to the tree fields");
        }

        @Test
        void unknown_fields_and_operators_are_refused() {
            assertThat(problems(config("field", "salary", "operator", "equals", "value", "x")))
                    .singleElement().asString().startsWith("/field must be one of");
            assertThat(problems(config("field", "custom.bad key", "operator", "equals", "value", "x")))
                    .singleElement().asString().startsWith("/field");
            assertThat(problems(config("field", "email", "operator", "like", "value", "x")))
                    .singleElement().asString().startsWith("/operator must be one of");
            assertThat(problems(config("field", "email", "operator", "equals", "value", "x", "extra", 1)))
                    .containsExactly("/extra is not a property of this criterion");
        }

        @Test
        void values_are_required_where_the_operator_compares_with_one() {
            assertThat(problems(config("field", "email", "operator", "equals"))).containsExactly("/value is required");
            assertThat(problems(config("field", "email", "operator", "equals", "value", "  ")))
                    .containsExactly("/value must not be blank");
            assertThat(problems(config("field", "email", "operator", "in_list", "value", " , ")))
                    .containsExactly("/value must name at least one value");
            assertThat(problems(config("field", "email", "operator", "in_list", "value", List.of("a", Map.of()))))
                    .containsExactly("/value/1 must be a string");
            assertThat(problems(config("field", "email", "operator", "is_empty"))).isEmpty();
        }

        @Test
        void regex_must_be_valid_re2_and_at_most256_characters() {
            assertThat(problems(config("field", "email", "operator", "regex", "value", "a".repeat(256)))).isEmpty();
            assertThat(problems(config("field", "email", "operator", "regex", "value", "a".repeat(257))))
                    .singleElement().asString().startsWith("/value a regular expression must be at most 256");
            assertThat(problems(config("field", "email", "operator", "regex", "value", "(unclosed")))
                    .singleElement().asString().startsWith("/value is not a valid RE2 regular expression");
            assertThat(problems(config("field", "email", "operator", "regex", "value", "(a)\\1")))
                    .singleElement().asString().startsWith("/value is not a valid RE2");
            assertThat(problems(config("field", "email", "operator", "regex", "value", "(?=a)b")))
                    .singleElement().asString().startsWith("/value is not a valid RE2");
        }

        @Test
        void the_canonical_configuration_is_trimmed_and_complete() {
            Criterion criterion = criterion("custom.team", "in_list", " a , b ", null);
            assertThat(criterion.config()).containsExactly(Map.entry("field", "custom.team"),
                    Map.entry("operator", "in_list"), Map.entry("value", List.of("a", "b")),
                    Map.entry("caseSensitive", false));
            assertThat(TYPE.parse(criterion.config())).isEqualTo(criterion);
            Criterion regex = criterion("email", "regex", " ^a ", true);
            assertThat(TYPE.parse(regex.config())).isEqualTo(regex);
        }

        @Test
        void numbers_are_taken_as_text() {
            assertThat(test(TestOrg.profile("costCenter", "4711"), "costCenter", "equals", 4711)).isTrue();
        }

        @Test
        void schema_names_every_field_and_operator() {
            for (String field : AttributeField.STANDARD) {
                assertThat(TYPE.configSchema()).contains("\"" + field + "\"");
            }
            for (String operator : AttributeOperator.wireNames()) {
                assertThat(TYPE.configSchema()).contains("\"" + operator + "\"");
            }
        }
    }

    @Test
    void an_invalid_criterion_cannot_be_built_directly() {
        assertThatThrownBy(() -> new AttributeCriterion(new AttributeField("email"), AttributeOperator.IS_UNDER,
                new AttributeCriterion.Expected.Text("x"), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
