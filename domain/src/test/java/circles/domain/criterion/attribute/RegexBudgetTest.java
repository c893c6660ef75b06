package circles.domain.criterion.attribute;

import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.TestOrg;
import circles.domain.criterion.attribute.RegexBudget.Assessment;
import circles.domain.org.MemberStatus;
import circles.domain.rule.RuleParser;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The regex bound: hostile patterns are refused quickly and before compiling, everyday patterns pass. */
class RegexBudgetTest {
    private static final RuleParser PARSER = new RuleParser(CriterionRegistry.withBuiltIns());

    /** Patterns that would exhaust the heap or take long per match; each fits the length bound. */
    static final List<String> PATHOLOGICAL = List.of(
            "((a{1000}){1000}){1000}",
            "(.{0,1000}){1000}z",
            "(?:(?:(?:(?:a{999}){999}){999}){999}){999}",
            "((((((((((a{2}){2}){2}){2}){2}){2}){2}){2}){2}){2}){2}",
            "(x{1000})(?i){1000}",
            "(x{1000})\\Q\\E{1000}",
            "([\\p{L}\\p{N}\\p{P}\\p{S}\\p{Z}]{1000}){3}",
            "[^a]{1000}[^b]{1000}",
            "\\p{Greek}{500,1000}\\P{Han}{1000,}",
            "(?i)(?:\\w+@\\w+){100}{100}",
            "(a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z|0|1|2|3|4|5|6|7|8|9){1000}",
            "(?:".repeat(30) + "a" + "){2}".repeat(30),
            "(" + "(".repeat(60) + ".{0,100}" + ")".repeat(60) + "){100}",
            "\\d{1000}\\d{1000}\\d{1000}");

    /** Everyday patterns of rules. */
    static final List<String> EVERYDAY = List.of(
            "^al", "a$", "(?i)BETA", "^$", "[0-9]", "^/a(/|$)", "@example\\.org$",
            "^[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}\\.[a-z]{2,63}$",
            "^\\p{Lu}\\p{Ll}{1,30}( \\p{Lu}\\p{Ll}{1,30}){0,3}$",
            "^(senior|staff|principal) (software|data|site reliability) engineer$",
            "^CC-\\d{3,6}$", "\\bmanager\\b", "^[A-Z]{2}-\\d{4}-[A-Z0-9]{2,8}$", "^(?:\\+\\d{1,3} )?\\d{6,14}$",
            "\\d{1,900}", "[\\p{L}\\p{N}\\p{P}\\p{S}\\p{Z}]{1000}",
            "x".repeat(RegexBudget.MAX_LENGTH));

    @Test
    void every_pathological_pattern_is_refused_as_too_complex_before_it_is_compiled_in_well_under_a_second() {
        long started = System.nanoTime();
        for (String pattern : PATHOLOGICAL) {
            assertThat(pattern).hasSizeLessThanOrEqualTo(RegexBudget.MAX_LENGTH);
            assertThat(RegexBudget.assess(pattern)).as(pattern).isInstanceOf(Assessment.TooComplex.class);
            RuleViolation refused = catchThrowableOfType(RuleViolation.class,
                    () -> new AttributeCriterion.Expected.Regex(pattern, false));
            assertThat(refused).as(pattern).isNotNull();
            assertThat(refused.code()).isEqualTo("regex-too-complex");
            assertThat(refused.getMessage()).startsWith("regex too complex: ").contains("more than the 2000 allowed");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void everyday_patterns_are_within_the_bound_and_still_match() {
        for (String pattern : EVERYDAY) {
            assertThat(RegexBudget.assess(pattern)).as(pattern).isInstanceOf(Assessment.Within.class);
        }
        AttributeCriterion.Expected.Regex email = new AttributeCriterion.Expected.Regex(EVERYDAY.get(7), false);
        assertThat(email.foundIn("Ana.Lopez@Example.org")).isTrue();
        assertThat(email.foundIn("not an address")).isFalse();
    }

    @Test
    void the_bound_is_the_estimate_not_the_length_alone() {
        assertThat(RegexBudget.assess("a{1998}")).isEqualTo(new Assessment.Within(2000));
        assertThat(RegexBudget.assess("a{1999}")).isEqualTo(new Assessment.TooComplex(2001));
        assertThat(RegexBudget.assess("x".repeat(RegexBudget.MAX_LENGTH + 1)))
                .isEqualTo(new Assessment.TooLong(RegexBudget.MAX_LENGTH + 1));
    }

    @Test
    void a_rule_with_a_too_complex_regex_is_refused_with_its_own_code_and_a_pointer_to_the_value() {
        Map<String, Object> rule = Map.of("all", List.of(
                Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", "x"),
                regex("(.{0,1000}){1000}z")));

        RuleViolation refused = catchThrowableOfType(RuleViolation.class, () -> PARSER.parse(rule));

        assertThat(refused.code()).isEqualTo("regex-too-complex");
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("/all/1/value");
        assertThat(refused.getMessage()).startsWith("regex too complex: /all/1/value the regular expression would"
                + " compile to up to 2002003 instructions");
    }

    @Test
    void the_flat_form_of_a_rule_is_held_to_the_same_bound() {
        Map<String, Object> rule = Map.of("logic", "OR", "rules", List.of(
                Map.of("field", "job_title", "operator", "regex", "value", "((a{1000}){1000}){1000}")));

        RuleViolation refused = catchThrowableOfType(RuleViolation.class, () -> PARSER.parse(rule));

        assertThat(refused.code()).isEqualTo("regex-too-complex");
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("/rules/0/value");
    }

    @Test
    void a_rule_with_other_problems_as_well_stays_rule_invalid_and_lists_every_problem() {
        Map<String, Object> rule = Map.of("any", List.of(regex("(.{0,1000}){1000}z"),
                Map.of("criterion", "attribute", "field", "department", "operator", "sounds_like", "value", "x")));

        RuleViolation refused = catchThrowableOfType(RuleViolation.class, () -> PARSER.parse(rule));

        assertThat(refused.code()).isEqualTo("rule-invalid");
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("/any/0/value", "/any/1/operator");
    }

    @Test
    void too_long_and_invalid_patterns_are_refused_as_before() {
        assertThatThrownBy(() -> PARSER.parse(regex("x".repeat(RegexBudget.MAX_LENGTH + 1))))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                    assertThat(refused.code()).isEqualTo("rule-invalid");
                    assertThat(refused.getMessage()).contains("at most 256 characters");
                });
        assertThatThrownBy(() -> PARSER.parse(regex("(a")))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                    assertThat(refused.code()).isEqualTo("rule-invalid");
                    assertThat(refused.getMessage()).contains("not a valid RE2 regular expression");
                });
    }

    @Test
    void a_rule_within_the_bound_is_parsed_and_judges_members() {
        var rule = PARSER.parse(regex("^(senior|staff) engineer$"));
        var leaf = (circles.domain.rule.Rule.Leaf) rule;
        var senior = new Candidate(UserId.of("u1"), MemberStatus.ACTIVE,
                TestOrg.profile("jobTitle", "Senior Engineer"));
        var junior = new Candidate(UserId.of("u2"), MemberStatus.ACTIVE,
                TestOrg.profile("jobTitle", "Junior Engineer"));
        assertThat(leaf.criterion().matches(senior, new TestOrg().snapshot()).matched()).isTrue();
        assertThat(leaf.criterion().matches(junior, new TestOrg().snapshot()).matched()).isFalse();
    }

    @Test
    void a_wide_alternation_is_counted_branch_by_branch() {
        String names = IntStream.range(0, 40).mapToObj(i -> "n" + i).collect(Collectors.joining("|"));
        long estimate = PatternSize.estimate("(" + names + ")");
        assertThat(estimate).isGreaterThanOrEqualTo(PatternSizePropertyTest.compiledSize("(" + names + ")", false));
        assertThat(PatternSize.estimate("(" + names + "){100}")).isGreaterThan(RegexBudget.MAX_INSTRUCTIONS);
    }

    private static Map<String, Object> regex(String pattern) {
        Map<String, Object> leaf = new LinkedHashMap<>();
        leaf.put("criterion", "attribute");
        leaf.put("field", "jobTitle");
        leaf.put("operator", "regex");
        leaf.put("value", pattern);
        return leaf;
    }
}
