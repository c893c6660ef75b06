package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dynamic groups whose rules read activity, combined with profile criteria, fed over HTTP. */
@QuarkusTest
class ActivityGroupApiTest {

    private static String memberIn(TestOrg org, String department) {
        String userId = Ids.user("act");
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("userId", userId, "role", "member", "department", department))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201);
        return userId;
    }

    private static void activity(TestOrg org, String userId, String type, Instant at, int quantity) {
        RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("eventId", Ids.unique("ev"), "userId", userId, "type", type,
                        "occurredAt", at.toString(), "quantity", quantity)))
                .post("/v1/orgs/{orgId}/activity-events", org.id)
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    private static String dynamic(TestOrg org, Object rule) {
        return org.createGroup("private", Map.of("kind", "dynamic", "type", "custom", "rule", rule,
                "refreshIntervalMinutes", 60)).then().statusCode(201).extract().path("id");
    }

    private static List<String> members(TestOrg org, String groupId) {
        return RestApi.as(org.admin).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().path("items.userId");
    }

    private static Instant ago(Duration duration) {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(duration);
    }

    @Test
    void last_active_within_combined_with_a_department_selects_recently_active_engineers_only() {
        TestOrg org = TestOrg.create();
        String activeEngineer = memberIn(org, "engineering");
        String idleEngineer = memberIn(org, "engineering");
        String longAgoEngineer = memberIn(org, "engineering");
        String activeSeller = memberIn(org, "sales");
        Instant recent = ago(Duration.ofHours(2));
        activity(org, activeEngineer, "login", recent, 1);
        activity(org, activeSeller, "message_sent", ago(Duration.ofHours(1)), 4);
        activity(org, longAgoEngineer, "lesson_progress", ago(Duration.ofDays(8)), 1);

        String groupId = dynamic(org, Map.of("all", List.of(
                Map.of("criterion", "last_active_within", "days", 7),
                Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                        "value", "engineering"))));

        assertThat(members(org, groupId)).containsExactly(activeEngineer);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, activeEngineer)
                .then().statusCode(200)
                .body("member", equalTo(true))
                .body("criteria[1].criterion", equalTo("last_active_within"))
                .body("criteria[1].detail", containsString("last active " + recent));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, idleEngineer)
                .then().statusCode(200)
                .body("member", equalTo(false))
                .body("criteria[1].detail", containsString("never active"));

        activity(org, idleEngineer, "streak_day", ago(Duration.ofMinutes(10)), 1);
        // Recency is absolute: the ingestion re-checks the member at once, no refresh needed.
        assertThat(eventually(Duration.ofSeconds(1), () -> members(org, groupId).size() == 2)).isTrue();
        assertThat(members(org, groupId)).containsExactlyInAnyOrder(activeEngineer, idleEngineer);
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(200)
                .body("added", equalTo(0)).body("removed", equalTo(0));
    }

    @Test
    void inactive_for_holds_the_members_without_recent_activity_including_those_never_active() {
        TestOrg org = TestOrg.create();
        String active = memberIn(org, "engineering");
        String stale = memberIn(org, "engineering");
        String never = memberIn(org, "engineering");
        activity(org, active, "login", ago(Duration.ofDays(1)), 1);
        activity(org, stale, "login", ago(Duration.ofDays(31)), 1);

        String groupId = dynamic(org, Map.of("criterion", "inactive_for", "days", 30));

        assertThat(members(org, groupId)).contains(stale, never, org.admin).doesNotContain(active);
    }

    @Test
    void an_activity_score_group_follows_the_formula_and_explains_the_score() {
        TestOrg org = TestOrg.create();
        String a = memberIn(org, "learning");
        String b = memberIn(org, "learning");
        String c = memberIn(org, "learning");
        Instant at = ago(Duration.ofHours(1));
        activity(org, a, "lesson_progress", at, 10);
        activity(org, b, "lesson_progress", at, 5);
        activity(org, b, "credit_earned", at, 4);
        activity(org, c, "lesson_progress", at, 2);
        activity(org, c, "credit_earned", at, 1);

        String groupId = dynamic(org, Map.of("criterion", "activity_score", "metric", "top_learners",
                "threshold", 50, "windowDays", 30));

        assertThat(members(org, groupId)).containsExactlyInAnyOrder(a, b);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, c)
                .then().statusCode(200)
                .body("member", equalTo(false))
                .body("criteria[0].detail", containsString("lesson_progress 2 of max 10 -> 20"))
                .body("criteria[0].detail", containsString("credit_earned 1 of max 4 -> 25"))
                .body("criteria[0].detail", containsString("score 22.5 < threshold 50"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/rule", groupId).then().statusCode(200)
                .body("rule.criterion", equalTo("activity_score"))
                .body("rule.threshold", equalTo(50))
                .body("rule.windowDays", equalTo(30));
    }

    @Test
    void activity_criteria_with_bad_configurations_are_refused() {
        TestOrg org = TestOrg.create();
        org.createGroupSloppily("private", Map.of("kind", "dynamic", "type", "custom",
                        "rule", Map.of("criterion", "activity_score", "metric", "loudest", "threshold", 120)))
                .then().statusCode(422);
        org.createGroupSloppily("private", Map.of("kind", "dynamic", "type", "custom",
                        "rule", Map.of("criterion", "last_active_within", "days", 0)))
                .then().statusCode(422);
    }
}
