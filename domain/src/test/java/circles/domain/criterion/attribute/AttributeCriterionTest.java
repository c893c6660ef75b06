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
        void caseSensitiveComparisonsRespectCase() {
            assertThat(judge(ana, "jobTitle", "equals", "senior engineer", true).matched()).isFalse();
            assertThat(judge(ana, "jobTitle", "equals", "Senior Engineer", true).matched()).isTrue();
            assertThat(judge(ana, "jobTitle", "not_equals", "senior engineer", true).matched()).isTrue();
            assertThat(judge(ana, "jobTitle", "contains", "ior Eng", true).matched()).isTrue();
            assertThat(judge(ana, "jobTitle", "starts_with", "SENIOR", true).matched()).isFalse();
            assertThat(judge(ana, "custom.shirt", "equals", "Large", true).matched()).isTrue();
            assertThat(judge(ana, "jobTitle", "in_list", List.of("senior engineer"), true).matched()).isFalse();
        }

        @Test
        void inListTakesAListOrACommaSeparatedString() {
            assertThat(test(ana, "jobTitle", "in_list", List.of("Intern", " senior ENGINEER "))).isTrue();
            assertThat(test(ana, "jobTitle", "in_list", "intern, senior engineer ,")).isTrue();
            assertThat(test(ana, "jobTitle", "in_list", "intern,senior")).isFalse();
            assertThat(test(ana, "jobTitle", "not_in_list", "intern,senior")).isTrue();
            assertThat(test(ana, "jobTitle", "not_in_list", List.of("senior engineer"))).isFalse();
            assertThat(test(ana, "custom.shirt", "in_list", "small, large")).isTrue();
        }

        @Test
        void regexSearchesUnlessAnchoredAndIgnoresCaseUnlessAsked() {
            assertThat(test(ana, "jobTitle", "regex", "eng")).isTrue();
            assertThat(test(ana, "jobTitle", "regex", "^eng")).isFalse();
            assertThat(test(ana, "jobTitle", "regex", "^senior\\s+\\w+$")).isTrue();
            assertThat(judge(ana, "jobTitle", "regex", "^senior", true).matched()).isFalse();
            assertThat(judge(ana, "jobTitle", "regex", "^Senior", true).matched()).isTrue();
            assertThat(test(ana, "custom.shirt", "regex", "^large$")).isTrue();
            assertThat(test(ana, "email", "regex", "@example\\.(org|com)$")).isTrue();
        }

        @Test
        void isEmptyAndIsNotEmpty() {
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
        void positiveOperatorsFail(String operator) {
            for (String field : List.of("department", "location", "jobTitle", "managerId", "orgUnitPath",
                    "employeeType", "costCenter", "email", "userType", "custom.blank", "custom.empty",
                    "custom.absent")) {
                assertThat(test(blank, field, operator, "x")).as(field).isFalse();
            }
        }

        @ParameterizedTest(name = "{0} on a missing value")
        @ValueSource(strings = {"not_equals", "not_contains", "not_in_list"})
        void negatedOperatorsHold(String operator) {
            for (String field : List.of("jobTitle", "email", "custom.blank", "custom.absent")) {
                assertThat(test(blank, field, operator, "x")).as(field).isTrue();
            }
        }

        @Test
        void treeOperatorsFollowTheSameRule() {
            for (String field : List.of("department", "location", "orgUnitPath")) {
                assertThat(test(blank, field, "is", "x")).isFalse();
                assertThat(test(blank, field, "is_under", "x")).isFalse();
                assertThat(test(blank, field, "is_not", "x")).isTrue();
                assertThat(test(blank, field, "is_not_under", "x")).isTrue();
            }
        }

        @Test
        void blankCountsAsEmpty() {
            assertThat(test(blank, "custom.blank", "is_empty", null)).isTrue();
            assertThat(test(blank, "custom.empty", "is_empty", null)).isTrue();
            assertThat(test(blank, "custom.absent", "is_empty", null)).isTrue();
            assertThat(test(blank, "custom.blank", "is_not_empty", null)).isFalse();
        }

        @Test
        void explanationSaysTheValueIsEmpty() {
            Outcome outcome = judge(blank, "custom.blank", "not_equals", "x", false);
            assertThat(outcome.detail()).contains("custom.blank is empty").contains("not_equals \"x\"");
        }
    }

    @Nested
    class TreeOperators {
        @Test
        void isUnderMeansTheNodeOrAnyDescendant() {
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
        void isMeansExactlyThatNode() {
            MemberProfile backend = TestOrg.profile("department", "backend", "location", "berlin");
            assertThat(test(backend, "department", "is", "backend")).isTrue();
            assertThat(test(backend, "department", "is", "engineering")).isFalse();
            assertThat(test(backend, "department", "is_not", "engineering")).isTrue();
            assertThat(test(backend, "department", "is_not", " Backend ")).isFalse();
            assertThat(test(backend, "location", "is_under", "germany")).isTrue();
            assertThat(test(backend, "location", "is", "germany")).isFalse();
        }

        @Test
        void anUnknownKeyIsALeafWithNoChildren() {
            MemberProfile ghost = TestOrg.profile("department", "ghost-team");
            assertThat(test(ghost, "department", "is_under", "ghost-team")).isTrue();
            assertThat(test(ghost, "department", "is_under", "engineering")).isFalse();
            assertThat(test(ghost, "department", "is_not_under", "engineering")).isTrue();
            assertThat(test(TestOrg.profile("department", "payments"), "department", "is_under", "nowhere"))
                    .isFalse();
        }

        @Test
        void mixedCaseValuesFindTheirNodeUnlessCaseSensitive() {
            MemberProfile shouting = TestOrg.profile("department", "Payments");
            assertThat(test(shouting, "department", "is_under", "engineering")).isTrue();
            assertThat(judge(shouting, "department", "is_under", "engineering", true).matched()).isFalse();
        }

        @Test
        void orgUnitPathsCompareWholeSegments() {
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
        void explanationShowsTheAncestors() {
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
        void treeOperatorsOnlyApplyToTreeFields() {
            assertThat(problems(config("field", "jobTitle", "operator", "is_under", "value", "x")))
                    .singleElement().asString().startsWith("/operator is_under applies to the tree fields");
        }

        @Test
        void unknownFieldsAndOperatorsAreRefused() {
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
        void valuesAreRequiredWhereTheOperatorComparesWithOne() {
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
        void regexMustBeValidRe2AndAtMost256Characters() {
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
        void theCanonicalConfigurationIsTrimmedAndComplete() {
            Criterion criterion = criterion("custom.team", "in_list", " a , b ", null);
            assertThat(criterion.config()).containsExactly(Map.entry("field", "custom.team"),
                    Map.entry("operator", "in_list"), Map.entry("value", List.of("a", "b")),
                    Map.entry("caseSensitive", false));
            assertThat(TYPE.parse(criterion.config())).isEqualTo(criterion);
            Criterion regex = criterion("email", "regex", " ^a ", true);
            assertThat(TYPE.parse(regex.config())).isEqualTo(regex);
        }

        @Test
        void numbersAreTakenAsText() {
            assertThat(test(TestOrg.profile("costCenter", "4711"), "costCenter", "equals", 4711)).isTrue();
        }

        @Test
        void schemaNamesEveryFieldAndOperator() {
            for (String field : AttributeField.STANDARD) {
                assertThat(TYPE.configSchema()).contains("\"" + field + "\"");
            }
            for (String operator : AttributeOperator.wireNames()) {
                assertThat(TYPE.configSchema()).contains("\"" + operator + "\"");
            }
        }
    }

    @Test
    void anInvalidCriterionCannotBeBuiltDirectly() {
        assertThatThrownBy(() -> new AttributeCriterion(new AttributeField("email"), AttributeOperator.IS_UNDER,
                new AttributeCriterion.Expected.Text("x"), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
