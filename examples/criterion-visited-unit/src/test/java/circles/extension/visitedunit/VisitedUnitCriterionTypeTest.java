package circles.extension.visitedunit;

import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.Outcome;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;
import circles.domain.rule.RuleParser;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The criterion on its own, over visits held in a map (the JDBC adapter is tested in the application's suite). */
class VisitedUnitCriterionTypeTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final OrgId ORG = OrgId.random();
    private static final OrgId OTHER_ORG = OrgId.random();

    /** Visits by org, user and unit. */
    private final Map<String, Instant> visits = new HashMap<>();
    private final UnitVisits source = (org, user, unit) -> Optional.ofNullable(visits.get(org + "|" + user + "|" + unit));
    private final VisitedUnitCriterionType type = new VisitedUnitCriterionType(source);

    private final OrgSnapshot org = new OrgSnapshot(ORG, NOW, List.of(candidate("ann", MemberStatus.ACTIVE),
            candidate("bob", MemberStatus.ACTIVE), candidate("cat", MemberStatus.ACTIVE),
            candidate("dan", MemberStatus.SUSPENDED)), Map.of(), Map.of());

    private static Candidate candidate(String id, MemberStatus status) {
        return new Candidate(UserId.of(id), status, MemberProfile.EMPTY);
    }

    private void visit(OrgId orgId, String user, String unit, Instant at) {
        visits.put(orgId + "|" + user + "|" + unit, at);
    }

    private Outcome judge(Criterion criterion, String user) {
        return criterion.matches(org.candidate(UserId.of(user)).orElseThrow(), org);
    }

    @Test
    void a_visit_at_any_time_matches_and_says_when() {
        visit(ORG, "ann", "unit-1", Instant.parse("2024-03-05T23:30:00Z"));
        Criterion criterion = type.parse(Map.of("unitId", "unit-1"));

        assertThat(judge(criterion, "ann")).isEqualTo(Outcome.of(true, "visited unit unit-1 on 2024-03-05"));
        assertThat(judge(criterion, "bob")).isEqualTo(Outcome.of(false, "never visited unit unit-1"));
    }

    @Test
    void within_days_counts_back_from_the_moment_of_the_evaluation() {
        visit(ORG, "ann", "unit-1", NOW.minus(Duration.ofDays(30)));
        visit(ORG, "bob", "unit-1", NOW.minus(Duration.ofDays(30)).minusSeconds(1));
        Criterion criterion = type.parse(Map.of("unitId", "unit-1", "withinDays", 30));

        assertThat(judge(criterion, "ann")).isEqualTo(Outcome.of(true,
                "visited unit unit-1 on 2026-10-23, within the last 30 days"));
        assertThat(judge(criterion, "bob")).isEqualTo(Outcome.of(false,
                "last visited unit unit-1 on 2026-10-23, more than 30 days ago"));
        assertThat(judge(criterion, "cat").matched()).isFalse();
    }

    @Test
    void only_the_unit_named_and_the_org_evaluated_count() {
        visit(ORG, "ann", "unit-2", NOW);
        visit(ORG, "bob", "UNIT-1", NOW);
        visit(OTHER_ORG, "cat", "unit-1", NOW);
        Criterion criterion = type.parse(Map.of("unitId", "unit-1"));

        assertThat(List.of("ann", "bob", "cat")).allSatisfy(user ->
                assertThat(judge(criterion, user).matched()).as(user).isFalse());
    }

    @Test
    void in_a_rule_only_active_members_who_visited_are_members() {
        visit(ORG, "ann", "unit-1", NOW);
        visit(ORG, "dan", "unit-1", NOW);
        RuleParser parser = new RuleParser(CriterionRegistry.withBuiltInsAnd(List.of(type)), (t, c) -> List.of());
        Rule rule = parser.parse(Map.of("any", List.of(Map.of("criterion", "visited_unit", "unitId", " unit-1 "),
                Map.of("criterion", "reports_to", "managerId", "nobody"))));

        assertThat(new RuleEvaluator().members(rule, org.memberIds(), org)).containsExactly(UserId.of("ann"));
        assertThat(rule.absolute()).isTrue();
    }

    @Test
    void the_canonical_configuration_keeps_what_was_given_trimmed() {
        assertThat(type.parse(Map.of("unitId", "  unit-1 ")).config()).isEqualTo(Map.of("unitId", "unit-1"));
        assertThat(type.parse(Map.of("unitId", "unit-1", "withinDays", 7.0)).config())
                .containsExactly(Map.entry("unitId", "unit-1"), Map.entry("withinDays", 7));
        assertThat(type.parse(Map.of("unitId", "u")).referencedGroups()).isEqualTo(Set.of());
        assertThat(type.parse(Map.of("unitId", "u"))).isEqualTo(type.parse(Map.of("unitId", " u")));
    }

    @Test
    void invalid_configurations_are_refused_with_a_pointer_to_each_problem() {
        assertThat(problems(Map.of())).containsExactly(new FieldError("/unitId", "is required"));
        assertThat(problems(Map.of("unitId", "  "))).containsExactly(new FieldError("/unitId", "must not be blank"));
        assertThat(problems(Map.of("unitId", "u".repeat(201)))).extracting(FieldError::field)
                .containsExactly("/unitId");
        assertThat(problems(Map.of("unitId", List.of("a")))).extracting(FieldError::field).containsExactly("/unitId");
        for (Object days : List.of(0, 3651, 2.5, "7", true, Long.MAX_VALUE)) {
            assertThat(problems(Map.of("unitId", "u", "withinDays", days))).as(String.valueOf(days))
                    .extracting(FieldError::field).containsExactly("/withinDays");
        }
        assertThat(problems(Map.of("unitId", "u", "days", 3))).extracting(FieldError::field)
                .containsExactly("/days");
        assertThat(type.parse(Map.of("unitId", "u", "withinDays", 3650)).config()).containsEntry("withinDays", 3650);
        assertThat(type.parse(Map.of("unitId", "u".repeat(200))).config()).containsKey("unitId");
    }

    @Test
    void the_schema_describes_the_same_configuration() {
        assertThat(type.key()).isEqualTo("visited_unit");
        assertThat(type.title()).isNotBlank();
        assertThat(type.description()).isNotBlank();
        assertThat(type.configSchema()).contains("\"required\": [\"unitId\"]", "\"maxLength\": 200",
                "\"maximum\": 3650", "\"additionalProperties\": false");
        assertThat(type.fields()).isEmpty();
        assertThat(type.operators()).isEmpty();
    }

    private List<FieldError> problems(Map<String, Object> config) {
        try {
            type.parse(config);
        } catch (RuleViolation violation) {
            return violation.errors();
        }
        throw new AssertionError("accepted " + config);
    }

    @Test
    void a_type_without_its_data_source_cannot_be_made() {
        assertThatThrownBy(() -> new VisitedUnitCriterionType(null)).isInstanceOf(NullPointerException.class);
    }
}
