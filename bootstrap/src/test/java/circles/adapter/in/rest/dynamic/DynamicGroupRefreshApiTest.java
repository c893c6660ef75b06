package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.RefreshSettings;
import circles.application.port.out.shared.BackgroundWork;
import circles.bootstrap.support.RefusedHistory;
import circles.bootstrap.support.UnannouncedChanges;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Refreshing dynamic groups over HTTP beyond the simple case: refreshes of large orgs in the background (202 and the
 * evaluation resource), a failed evaluation (the members stay, the group shows it), and groups that read a refreshed
 * group through member_of.
 */
@QuarkusTest
class DynamicGroupRefreshApiTest {

    @Inject
    DynamicGroupDefinitions definitions;

    /** Background work held until the test runs it, so that "while it runs" is a state the test can look at. */
    static final class HeldBackgroundWork implements BackgroundWork {
        final Deque<Runnable> queued = new ArrayDeque<>();

        @Override
        public synchronized boolean submit(Runnable work) {
            queued.addLast(work);
            return true;
        }

        synchronized Runnable next() {
            return queued.removeFirst();
        }
    }

    /** Every org counts as large: its groups are refreshed in the background. */
    private static void everyOrgIsLarge() {
        QuarkusMock.installMockForType(new RefreshSettings() {
            @Override
            public long syncMemberLimit() {
                return 1;
            }

            @Override
            public int claimBatch() {
                return 10;
            }

            @Override
            public Duration lease() {
                return Duration.ofSeconds(30);
            }
        }, RefreshSettings.class);
    }

    private static Map<String, Object> department(String value) {
        return Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", value);
    }

    private static String memberIn(TestOrg org, String department) {
        String userId = Ids.user("refresh");
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("userId", userId, "role", "member", "department", department))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201);
        return userId;
    }

    /** A change no event announces, so that the group's snapshot is stale until it is refreshed. */
    private static void moveTo(TestOrg org, String userId, String department) {
        UnannouncedChanges.department(org.id, userId, department);
    }

    private static String dynamicGroup(TestOrg org, Object rule) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("kind", "dynamic");
        extra.put("type", "custom");
        extra.put("rule", rule);
        return org.createGroup("organization", extra).then().statusCode(201).extract().path("id");
    }

    private static List<String> members(TestOrg org, String groupId) {
        return RestApi.as(org.admin).queryParam("limit", 500).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().jsonPath().getList("items.userId");
    }

    private static Response evaluation(TestOrg org, String groupId) {
        return RestApi.as(org.admin).get("/v1/groups/{groupId}/evaluation", groupId);
    }

    /** The evaluation state once it is no longer {@code evaluating}, polled for at most a few seconds. */
    private static Response settled(TestOrg org, String groupId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            Response state = evaluation(org, groupId);
            state.then().statusCode(200);
            if (!"evaluating".equals(state.path("evaluation.status")) || Instant.now().isAfter(deadline)) {
                return state;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void the_evaluation_resource_shows_a_dynamic_groups_evaluation_and_schedule() {
        TestOrg org = TestOrg.create();
        memberIn(org, "backend");
        String groupId = org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom",
                "rule", department("backend"), "refreshIntervalMinutes", 30))
                .then().statusCode(201).extract().path("id");

        evaluation(org, groupId).then().statusCode(200)
                .body("groupId", equalTo(groupId))
                .body("evaluation.status", equalTo("idle"))
                .body("evaluation.lastComputedAt", notNullValue())
                .body("evaluation.lastError", nullValue())
                .body("memberCount", equalTo(1))
                .body("refreshIntervalMinutes", equalTo(30))
                .body("nextRefreshAt", notNullValue())
                .body("evaluationStartedAt", nullValue());
        RestApi.as(org.member()).get("/v1/groups/{groupId}/evaluation", groupId).then().statusCode(200);
        RestApi.as(TestOrg.create().admin).get("/v1/groups/{groupId}/evaluation", groupId).then().statusCode(404);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/evaluation", org.group("organization"))
                .then().statusCode(422).body("type", endsWith("/problems/group-not-dynamic"));
    }

    @Test
    void a_group_of_a_large_org_is_refreshed_in_the_background_and_followed_through_its_evaluation()
            throws InterruptedException {
        everyOrgIsLarge();
        TestOrg org = TestOrg.create();
        memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, department("backend"));
        moveTo(org, carol, "backend");

        Response accepted = RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId);
        accepted.then().statusCode(202)
                .header("Location", endsWith("/v1/groups/" + groupId + "/evaluation"))
                .body("groupId", equalTo(groupId))
                .body("evaluation.status", equalTo("evaluating"))
                .body("evaluationStartedAt", notNullValue())
                .body("memberCount", equalTo(1));

        Response done = settled(org, groupId);
        done.then().body("evaluation.status", equalTo("idle"))
                .body("evaluation.lastError", nullValue())
                .body("memberCount", equalTo(2))
                .body("evaluationStartedAt", nullValue());
        assertThat(members(org, groupId)).contains(carol).hasSize(2);
    }

    @Test
    void a_group_being_evaluated_is_not_refreshed_again_until_the_evaluation_is_done() {
        everyOrgIsLarge();
        HeldBackgroundWork background = new HeldBackgroundWork();
        QuarkusMock.installMockForType(background, BackgroundWork.class);
        TestOrg org = TestOrg.create();
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, department("backend"));
        moveTo(org, carol, "backend");

        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(202);
        evaluation(org, groupId).then().statusCode(200)
                .body("evaluation.status", equalTo("evaluating"))
                .body("evaluationStartedAt", notNullValue())
                .body("memberCount", equalTo(0));
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId)
                .then().statusCode(409).body("type", endsWith("/problems/group-evaluating"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                .body("evaluation.status", equalTo("evaluating"));

        background.next().run();

        evaluation(org, groupId).then().statusCode(200)
                .body("evaluation.status", equalTo("idle"))
                .body("memberCount", equalTo(1));
        assertThat(members(org, groupId)).containsExactly(carol);
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(202);
        background.next().run();
    }

    @Test
    void a_failed_evaluation_keeps_the_members_and_shows_failed_until_the_next_success() throws SQLException {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, department("backend"));
        moveTo(org, carol, "backend");

        try (RefusedHistory refused = new RefusedHistory(groupId)) {
            RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId)
                    .then().statusCode(503)
                    .contentType(RestApi.PROBLEM)
                    .body("type", endsWith("/problems/evaluation-failed"))
                    .body("detail", startsWith("the evaluation failed unexpectedly (incident "))
                    .body("detail", not(containsString("refused for this test")));
        }

        String lastError = evaluation(org, groupId).then().statusCode(200)
                .body("evaluation.status", equalTo("failed"))
                .body("memberCount", equalTo(1))
                .extract().path("evaluation.lastError");
        assertThat(lastError).contains("incident");
        RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                .body("evaluation.status", equalTo("failed"))
                .body("evaluation.lastError", equalTo(lastError))
                .body("memberCount", equalTo(1));
        assertThat(members(org, groupId)).containsExactly(bob);

        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(200)
                .body("added", equalTo(1))
                .body("evaluation.status", equalTo("idle"))
                .body("evaluation.lastError", nullValue());
        assertThat(members(org, groupId)).containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    void a_stored_rule_that_is_no_longer_valid_fails_the_refresh_with_its_reason() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String groupId = dynamicGroup(org, department("backend"));
        // As if the criterion type had been removed from the deployment since the rule was saved.
        QuarkusTransaction.requiringNew().run(() -> definitions.saveRule(new GroupId(UUID.fromString(groupId)),
                new OrgId(UUID.fromString(org.id)), retiredCriterion()));

        String detail = RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId)
                .then().statusCode(422).body("type", endsWith("/problems/rule-invalid"))
                .extract().path("detail");

        evaluation(org, groupId).then().statusCode(200)
                .body("evaluation.status", equalTo("failed"))
                .body("evaluation.lastError", equalTo(detail))
                .body("memberCount", equalTo(1));
        assertThat(members(org, groupId)).containsExactly(bob);
        // The rule is still shown as it was saved, for whoever replaces it (a type the contract's built-ins lack).
        RestApi.withExtensionCriteria(org.admin).get("/v1/groups/{groupId}/rule", groupId).then().statusCode(200)
                .body("rule", equalTo(Map.of("criterion", "retired_criterion", "since", 2020)));
    }

    /** A rule of a criterion type this deployment does not have: {"criterion": "retired_criterion", "since": 2020}. */
    private static Rule retiredCriterion() {
        return new Rule.Leaf(new Criterion() {
            @Override
            public String type() {
                return "retired_criterion";
            }

            @Override
            public Map<String, Object> config() {
                return Map.of("since", 2020);
            }

            @Override
            public Outcome matches(Candidate member, EvaluationContext context) {
                throw new UnsupportedOperationException("a retired criterion judges nobody");
            }
        });
    }

    @Test
    void groups_reading_a_refreshed_group_through_member_of_follow_it() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String a = org.group("organization");
        org.addToGroup(a, bob, "member");
        org.addToGroup(a, carol, "member");
        String b = dynamicGroup(org, Map.of("all", List.of(Map.of("criterion", "member_of", "groupId", a),
                department("backend"))));
        String c = dynamicGroup(org, Map.of("criterion", "member_of", "groupId", b));
        // D reads B and C, so it is evaluated after C: otherwise it would see C as it was.
        String d = dynamicGroup(org, Map.of("all", List.of(Map.of("criterion", "member_of", "groupId", b),
                Map.of("criterion", "member_of", "groupId", c))));
        assertThat(members(org, d)).containsExactly(bob);

        moveTo(org, carol, "backend");
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", b).then().statusCode(200)
                .body("added", equalTo(1));

        assertThat(members(org, c)).containsExactlyInAnyOrder(bob, carol);
        assertThat(members(org, d)).containsExactlyInAnyOrder(bob, carol);
        evaluation(org, c).then().body("evaluation.status", equalTo("idle")).body("memberCount", equalTo(2));

        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("all", List.of(Map.of("criterion", "member_of", "groupId", a),
                        department("marketing")))))
                .put("/v1/groups/{groupId}/rule", b).then().statusCode(200);

        assertThat(members(org, b)).isEmpty();
        assertThat(members(org, c)).isEmpty();
        assertThat(members(org, d)).isEmpty();
    }
}
