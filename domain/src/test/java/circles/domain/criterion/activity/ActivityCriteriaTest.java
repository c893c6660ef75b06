package circles.domain.criterion.activity;

import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.CriterionType;
import circles.domain.criterion.TestOrg;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.rule.Evaluation;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;
import circles.domain.rule.RuleParser;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static circles.domain.activity.ActivityType.CONVERSATION_STARTED;
import static circles.domain.activity.ActivityType.CREDIT_EARNED;
import static circles.domain.activity.ActivityType.LESSON_PROGRESS;
import static circles.domain.activity.ActivityType.LOGIN;
import static circles.domain.activity.ActivityType.MESSAGE_SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The activity criteria in memory, with the clock fixed at {@link TestOrg#NOW}. */
class ActivityCriteriaTest {
    private static final Instant NOW = TestOrg.NOW;
    private static final Instant HOUR_AGO = NOW.minus(Duration.ofHours(1));

    private final List<Candidate> members = new ArrayList<>();
    private final Map<UserId, Boolean> active = new HashMap<>();
    private final EventLog log = new EventLog(user -> active.getOrDefault(user, false));
    private final CriterionRegistry registry = CriterionRegistry.withBuiltIns(log);
    private final RuleEvaluator evaluator = new RuleEvaluator();

    private ActivityCriteriaTest member(String id, MemberStatus status, Instant lastLoginAt) {
        MemberProfile profile = new MemberProfile(null, null, null, null, null, null, null, null, null, null, Map.of(),
                lastLoginAt);
        members.add(new Candidate(UserId.of(id), status, profile));
        active.put(UserId.of(id), status == MemberStatus.ACTIVE);
        return this;
    }

    private ActivityCriteriaTest member(String id) {
        return member(id, MemberStatus.ACTIVE, null);
    }

    private OrgSnapshot org() {
        return new OrgSnapshot(TestOrg.ORG, NOW, members, Map.of(), Map.of());
    }

    private Criterion criterion(String type, Object... config) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < config.length; i += 2) {
            map.put((String) config[i], config[i + 1]);
        }
        return registry.find(type).orElseThrow().parse(map);
    }

    private Rule rule(String type, Object... config) {
        return new Rule.Leaf(criterion(type, config));
    }

    private Set<UserId> members(Rule rule) {
        OrgSnapshot org = org();
        return evaluator.members(rule, org.memberIds(), org);
    }

    private static Set<UserId> ids(String... ids) {
        Set<UserId> set = new java.util.HashSet<>();
        for (String id : ids) {
            set.add(UserId.of(id));
        }
        return set;
    }

    /** The worked example: top_learners, threshold 50, max lesson_progress 10, max credit_earned 4. */
    private void workedExample() {
        member("a").member("b").member("c");
        log.add("a", LESSON_PROGRESS, HOUR_AGO, 10)
                .add("b", LESSON_PROGRESS, HOUR_AGO, 5).add("b", CREDIT_EARNED, HOUR_AGO, 4)
                .add("c", LESSON_PROGRESS, HOUR_AGO, 2).add("c", CREDIT_EARNED, HOUR_AGO, 1);
    }

    @Test
    void the_worked_example_of_the_design_selects_a_at_exactly_the_threshold_and_b_but_not_c() {
        workedExample();
        assertThat(members(rule("activity_score", "metric", "top_learners", "threshold", 50, "windowDays", 30)))
                .containsExactlyInAnyOrderElementsOf(ids("a", "b"));
    }

    @Test
    void the_worked_example_scores_are_50_75_and_22_5_with_their_normalized_components() {
        workedExample();
        ActivityScoreCriterion score = (ActivityScoreCriterion) criterion("activity_score", "metric", "top_learners");
        OrgSnapshot org = org();
        ActivityScore a = score.score(org.candidate(UserId.of("a")).orElseThrow(), org);
        ActivityScore b = score.score(org.candidate(UserId.of("b")).orElseThrow(), org);
        ActivityScore c = score.score(org.candidate(UserId.of("c")).orElseThrow(), org);

        assertThat(a.components()).extracting(ActivityScore.Component::normalized)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal(100), BigDecimal.ZERO);
        assertThat(a.score()).isEqualByComparingTo("50.0");
        assertThat(b.components()).extracting(ActivityScore.Component::normalized)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal(50), new BigDecimal(100));
        assertThat(b.score()).isEqualByComparingTo("75.0");
        assertThat(c.components()).extracting(ActivityScore.Component::normalized)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal(20), new BigDecimal(25));
        assertThat(c.score()).isEqualByComparingTo("22.5");
    }

    @Test
    void explain_shows_component_values_normalized_scores_the_score_and_the_threshold() {
        workedExample();
        OrgSnapshot org = org();
        Rule rule = rule("activity_score", "metric", "top_learners", "threshold", 50, "windowDays", 30);

        Evaluation a = evaluator.explain(rule, UserId.of("a"), org);
        Evaluation c = evaluator.explain(rule, UserId.of("c"), org);

        assertThat(a.member()).isTrue();
        assertThat(a.at("").detail()).contains("lesson_progress 10 of max 10 -> 100")
                .contains("credit_earned 0 of max 4 -> 0").contains("score 50 >= threshold 50");
        assertThat(c.member()).isFalse();
        assertThat(c.at("").detail()).contains("lesson_progress 2 of max 10 -> 20")
                .contains("credit_earned 1 of max 4 -> 25").contains("score 22.5 < threshold 50");
    }

    @Test
    void with_no_credits_in_the_org_the_credit_component_is_zero_and_the_best_learner_scores_50() {
        member("best").member("half");
        log.add("best", LESSON_PROGRESS, HOUR_AGO, 8).add("half", LESSON_PROGRESS, HOUR_AGO, 4);
        ActivityScoreCriterion score = (ActivityScoreCriterion) criterion("activity_score", "metric", "top_learners");
        OrgSnapshot org = org();

        assertThat(score.score(org.candidate(UserId.of("best")).orElseThrow(), org).score()).isEqualByComparingTo("50");
        assertThat(score.score(org.candidate(UserId.of("half")).orElseThrow(), org).score()).isEqualByComparingTo("25");
        assertThat(members(rule("activity_score", "metric", "top_learners", "threshold", 50)))
                .containsExactly(UserId.of("best"));
    }

    @Test
    void in_an_org_without_any_activity_every_score_is_zero_so_only_threshold_zero_selects_anyone() {
        member("x").member("y").member("gone", MemberStatus.SUSPENDED, null);

        assertThat(members(rule("activity_score", "metric", "most_active", "threshold", 50))).isEmpty();
        assertThat(members(rule("activity_score", "metric", "most_active", "threshold", 0.0001))).isEmpty();
        assertThat(members(rule("activity_score", "metric", "most_active", "threshold", 0)))
                .containsExactlyInAnyOrderElementsOf(ids("x", "y"));
    }

    @Test
    void the_maxima_come_from_active_members_only() {
        member("a").member("b").member("left", MemberStatus.DEACTIVATED, null);
        log.add("a", MESSAGE_SENT, HOUR_AGO, 10).add("b", MESSAGE_SENT, HOUR_AGO, 5)
                .add("a", CONVERSATION_STARTED, HOUR_AGO, 2).add("b", CONVERSATION_STARTED, HOUR_AGO, 2)
                .add("left", MESSAGE_SENT, HOUR_AGO, 1_000);

        // b: (50 + 100) / 2 = 75; were the deactivated member's 1,000 messages the max, b would score 50.25.
        assertThat(members(rule("activity_score", "metric", "most_talkative", "threshold", 75)))
                .containsExactlyInAnyOrderElementsOf(ids("a", "b"));
    }

    @Test
    void a_score_exactly_at_the_threshold_counts_even_when_its_components_are_thirds() {
        member("top").member("mid").member("other");
        // mid: 100 x 1/3 and 100 x 2/3, exactly 50 on average.
        log.add("top", CONVERSATION_STARTED, HOUR_AGO, 3).add("other", MESSAGE_SENT, HOUR_AGO, 3)
                .add("mid", CONVERSATION_STARTED, HOUR_AGO, 1).add("mid", MESSAGE_SENT, HOUR_AGO, 2);

        assertThat(members(rule("activity_score", "metric", "most_talkative", "threshold", 50)))
                .contains(UserId.of("mid"));
        assertThat(members(rule("activity_score", "metric", "most_talkative", "threshold", new BigDecimal("50.0000001"))))
                .doesNotContain(UserId.of("mid"));
    }

    @Test
    void a_score_window_counts_an_event_just_after_its_start_but_not_one_exactly_at_it() {
        member("inside").member("outside").member("yardstick");
        Instant start = NOW.minus(Duration.ofDays(7));
        log.add("inside", LESSON_PROGRESS, start.plusMillis(1), 10)
                .add("outside", LESSON_PROGRESS, start, 10)
                .add("outside", LESSON_PROGRESS, start.minus(Duration.ofDays(1)), 10)
                .add("yardstick", LESSON_PROGRESS, HOUR_AGO, 10);

        assertThat(members(rule("activity_score", "metric", "top_learners", "threshold", 50, "windowDays", 7)))
                .containsExactlyInAnyOrderElementsOf(ids("inside", "yardstick"));
        assertThat(members(rule("activity_score", "metric", "top_learners", "threshold", 50, "windowDays", 8)))
                .containsExactlyInAnyOrderElementsOf(ids("inside", "outside", "yardstick"));
    }

    @Test
    void a_whole_org_evaluation_reads_the_maxima_once_and_the_sums_in_a_bounded_number_of_reads() {
        for (int i = 0; i < 200; i++) {
            member("m" + i);
            log.add("m" + i, LESSON_PROGRESS, HOUR_AGO, i + 1);
        }
        Set<UserId> selected = members(rule("activity_score", "metric", "top_learners", "threshold", 25));

        // 100 x v / 200 / 2 >= 25  <=>  v >= 100
        assertThat(selected).hasSize(101);
        assertThat(log.maximaReads).isEqualTo(1);
        assertThat(log.singleReads).isLessThanOrEqualTo(PerMember.SINGLE_READS);
        assertThat(log.orgReads).isEqualTo(1);
    }

    @Test
    void explaining_one_member_reads_only_that_member_and_the_maxima() {
        workedExample();
        evaluator.explain(rule("activity_score", "metric", "top_learners"), UserId.of("b"), org());

        assertThat(log.maximaReads).isEqualTo(1);
        assertThat(log.singleReads).isEqualTo(1);
        assertThat(log.orgReads).isZero();
    }

    // ---- recency ----

    @Test
    void last_active_within_counts_an_event_just_inside_the_window_but_not_one_exactly_days_ago() {
        member("inside").member("edge").member("never");
        log.add("inside", LOGIN, NOW.minus(Duration.ofDays(30)).plusSeconds(1), 1)
                .add("edge", LOGIN, NOW.minus(Duration.ofDays(30)), 1);

        assertThat(members(rule("last_active_within", "days", 30))).containsExactly(UserId.of("inside"));
        assertThat(members(rule("inactive_for", "days", 30)))
                .containsExactlyInAnyOrderElementsOf(ids("edge", "never"));
    }

    @Test
    void a_profiles_last_login_counts_as_activity_and_the_later_of_event_and_login_wins() {
        member("login-only", MemberStatus.ACTIVE, NOW.minus(Duration.ofDays(2)))
                .member("old-login-new-event", MemberStatus.ACTIVE, NOW.minus(Duration.ofDays(90)))
                .member("old-both", MemberStatus.ACTIVE, NOW.minus(Duration.ofDays(40)));
        log.add("old-login-new-event", MESSAGE_SENT, NOW.minus(Duration.ofDays(1)), 1)
                .add("old-both", MESSAGE_SENT, NOW.minus(Duration.ofDays(50)), 1);

        assertThat(members(rule("last_active_within", "days", 30)))
                .containsExactlyInAnyOrderElementsOf(ids("login-only", "old-login-new-event"));
        assertThat(evaluator.explain(rule("inactive_for", "days", 30), UserId.of("old-both"), org()).at("").detail())
                .contains("last active " + NOW.minus(Duration.ofDays(40)));
    }

    @Test
    void never_active_members_are_inactive_and_explain_says_so_but_only_active_org_members_are_members() {
        member("idle").member("suspended", MemberStatus.SUSPENDED, null);

        assertThat(members(rule("inactive_for", "days", 1))).containsExactly(UserId.of("idle"));
        Evaluation idle = evaluator.explain(rule("last_active_within", "days", 30), UserId.of("idle"), org());
        assertThat(idle.member()).isFalse();
        assertThat(idle.at("").detail()).startsWith("never active");
    }

    @Test
    void inactive_for_is_exactly_the_complement_of_last_active_within_for_active_members() {
        for (int i = 0; i < 40; i++) {
            member("m" + i, MemberStatus.ACTIVE, i % 3 == 0 ? NOW.minus(Duration.ofHours(i * 20L)) : null);
            if (i % 2 == 0) {
                log.add("m" + i, MESSAGE_SENT, NOW.minus(Duration.ofHours(i * 17L)), 1);
            }
        }
        for (int days : List.of(1, 7, 14, 30)) {
            Set<UserId> recent = members(rule("last_active_within", "days", days));
            Set<UserId> inactive = members(rule("inactive_for", "days", days));
            assertThat(recent).doesNotContainAnyElementsOf(inactive);
            assertThat(recent.size() + inactive.size()).isEqualTo(40);
        }
    }

    @Test
    void recency_combines_with_attribute_criteria_in_one_rule() {
        members.add(new Candidate(UserId.of("eng"), MemberStatus.ACTIVE, TestOrg.profile("department", "engineering")));
        members.add(new Candidate(UserId.of("ops"), MemberStatus.ACTIVE, TestOrg.profile("department", "ops")));
        active.put(UserId.of("eng"), true);
        active.put(UserId.of("ops"), true);
        log.add("eng", LOGIN, HOUR_AGO, 1).add("ops", LOGIN, HOUR_AGO, 1);
        Rule rule = new RuleParser(registry).parse(Map.of("all", List.of(
                Map.of("criterion", "last_active_within", "days", 7),
                Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", "engineering"))));

        assertThat(members(rule)).containsExactly(UserId.of("eng"));
    }

    // ---- configuration ----

    @Test
    void configurations_take_their_defaults_and_are_written_canonically() {
        assertThat(criterion("last_active_within").config()).isEqualTo(Map.of("days", 30));
        assertThat(criterion("inactive_for", "days", 14).config()).isEqualTo(Map.of("days", 14));
        assertThat(criterion("activity_score", "metric", "most_active").config())
                .containsExactly(Map.entry("metric", "most_active"), Map.entry("threshold", 50),
                        Map.entry("windowDays", 30));
        assertThat(criterion("activity_score", "metric", "most_active", "threshold", 62.50).config().get("threshold"))
                .isEqualTo(new BigDecimal("62.5"));
        assertThat(criterion("activity_score", "metric", "most_active", "threshold", 50.0))
                .isEqualTo(criterion("activity_score", "metric", "most_active"));
    }

    @Test
    void recency_criteria_are_absolute_and_scores_are_relative() {
        assertThat(criterion("last_active_within").absolute()).isTrue();
        assertThat(criterion("inactive_for").absolute()).isTrue();
        assertThat(criterion("activity_score", "metric", "top_learners").absolute()).isFalse();
    }

    @Test
    void bad_configurations_are_refused_with_pointers_to_each_property() {
        assertThatThrownBy(() -> criterion("last_active_within", "days", 0)).isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).errors()).extracting(f -> f.field())
                        .containsExactly("/days"));
        assertThatThrownBy(() -> criterion("inactive_for", "days", 366)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> criterion("inactive_for", "days", 1.5)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> criterion("inactive_for", "days", "ten")).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> criterion("activity_score", "metric", "loudest", "threshold", 101, "windowDays", 0,
                "extra", true)).isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).errors()).extracting(f -> f.field())
                        .containsExactlyInAnyOrder("/metric", "/threshold", "/windowDays", "/extra"));
        assertThatThrownBy(() -> criterion("activity_score")).isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).errors()).extracting(f -> f.field())
                        .containsExactly("/metric"));
    }

    @Test
    void every_activity_type_has_a_json_schema_naming_its_properties() {
        for (String key : List.of("last_active_within", "inactive_for", "activity_score")) {
            CriterionType type = registry.find(key).orElseThrow();
            assertThat(type.configSchema()).contains("\"title\": \"" + key + "\"")
                    .contains("\"additionalProperties\": false");
        }
        assertThat(registry.find("activity_score").orElseThrow().configSchema())
                .contains("\"metric\"", "\"threshold\"", "\"windowDays\"", "most_talkative");
    }

    @Test
    void the_activity_types_are_all_known_to_the_design() {
        assertThat(ActivityType.WIRE_NAMES).containsExactly("login", "lesson_progress", "credit_earned",
                "conversation_started", "message_sent", "streak_day", "collection_item_added");
    }
}
