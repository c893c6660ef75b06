package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.UnannouncedChanges;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dynamic groups over HTTP: creation with a rule, the rule resource, manual refresh and the evaluation block. */
@QuarkusTest
class DynamicGroupApiTest {

    private static Map<String, Object> department(String value) {
        return Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", value);
    }

    private static String memberIn(TestOrg org, String department) {
        String userId = Ids.user("dyn");
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("userId", userId, "role", "member", "department", department))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201);
        return userId;
    }

    private static io.restassured.response.Response createDynamic(TestOrg org, Object rule, Integer interval) {
        return org.createGroup("organization", dynamicBody(rule, interval));
    }

    /** A create whose rule the contract refuses on purpose: only the answer is checked against the contract. */
    private static io.restassured.response.Response createInvalidDynamic(TestOrg org, Object rule) {
        return org.createGroupSloppily("organization", dynamicBody(rule, null));
    }

    private static Map<String, Object> dynamicBody(Object rule, Integer interval) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("kind", "dynamic");
        extra.put("type", "custom");
        if (rule != null) {
            extra.put("rule", rule);
        }
        if (interval != null) {
            extra.put("refreshIntervalMinutes", interval);
        }
        return extra;
    }

    @Test
    void a_dynamic_group_is_evaluated_when_created_and_shows_its_rule_and_evaluation() {
        TestOrg org = TestOrg.create();
        memberIn(org, "backend");
        memberIn(org, "Backend");
        memberIn(org, "sales");

        String groupId = createDynamic(org, Map.of("logic", "AND", "rules",
                List.of(Map.of("field", "department", "operator", "equals", "value", "backend"))), 60)
                .then().statusCode(201)
                .body("kind", equalTo("dynamic"))
                .body("memberCount", equalTo(2))
                .body("refreshIntervalMinutes", equalTo(60))
                .body("rule.all[0].criterion", equalTo("attribute"))
                .body("rule.all[0].field", equalTo("department"))
                .body("evaluation.status", equalTo("idle"))
                .body("evaluation.lastComputedAt", notNullValue())
                .body("evaluation.lastError", nullValue())
                .extract().path("id");

        RestApi.as(org.member()).get("/v1/groups/{groupId}", groupId)
                .then().statusCode(200)
                .body("memberCount", equalTo(2))
                .body("evaluation.status", equalTo("idle"))
                .body("evaluation.staleness", notNullValue());
    }

    @Test
    void static_groups_show_no_rule_and_take_none() {
        TestOrg org = TestOrg.create();
        String groupId = org.group("organization");
        Map<String, Object> group = RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId)
                .then().statusCode(200).extract().path("");
        assertThat(group).doesNotContainKeys("rule", "refreshIntervalMinutes", "evaluation");

        org.createGroup("organization", Map.of("rule", department("x"))).then().statusCode(422);
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId)
                .then().statusCode(422).body("type", endsWith("/problems/group-not-dynamic"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/rule", groupId).then().statusCode(422);
    }

    @Test
    void a_dynamic_group_needs_a_valid_rule_and_an_org() {
        TestOrg org = TestOrg.create();
        createDynamic(org, null, null).then().statusCode(422);
        createInvalidDynamic(org, Map.of("all", List.of())).then().statusCode(422)
                .body("type", endsWith("/problems/rule-invalid"));
        createInvalidDynamic(org, Map.of("criterion", "no_such_type")).then().statusCode(422);
        RestApi.sloppy(org.admin).contentType(JSON).body(Map.of("orgId", org.id, "name", Ids.unique("Group"),
                        "type", "custom", "kind", "dynamic", "visibility", "organization",
                        "rule", department("backend"), "refreshIntervalMinutes", -1))
                .post("/v1/groups").then().statusCode(422);
        RestApi.as(org.admin).contentType(JSON).body(Map.of("name", Ids.unique("Group"), "type", "standalone",
                        "kind", "dynamic", "visibility", "private", "rule", department("backend")))
                .post("/v1/groups").then().statusCode(422);
        createDynamic(org, Map.of("criterion", "member_of", "groupId", "7b1e4d2c-9a3f-4e8b-b6c5-0d1e2f3a4b5c"),
                null).then().statusCode(422);
    }

    @Test
    void a_refresh_writes_what_changed_since_the_last_evaluation() {
        TestOrg org = TestOrg.create();
        memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = createDynamic(org, department("backend"), 0).then().statusCode(201)
                .body("memberCount", equalTo(1)).extract().path("id");

        // Written past the service: no event announces it, so only a full evaluation sees it.
        UnannouncedChanges.department(org.id, carol, "backend");

        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId)
                .then().statusCode(200)
                .body("groupId", equalTo(groupId))
                .body("added", equalTo(1))
                .body("removed", equalTo(0))
                .body("unchanged", equalTo(1))
                .body("memberCount", equalTo(2))
                .body("evaluation.status", equalTo("idle"));
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId)
                .then().statusCode(200).body("added", equalTo(0)).body("unchanged", equalTo(2));

        RestApi.as(org.member()).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(403);
        RestApi.as(TestOrg.create().admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(404);
    }

    @Test
    void the_rule_is_read_and_replaced_conditionally_and_the_group_re_evaluated() {
        TestOrg org = TestOrg.create();
        memberIn(org, "backend");
        memberIn(org, "sales");
        memberIn(org, "sales");
        String groupId = createDynamic(org, department("backend"), null).then().statusCode(201)
                .extract().path("id");

        io.restassured.response.Response read = RestApi.as(org.member()).get("/v1/groups/{groupId}/rule", groupId);
        read.then().statusCode(200)
                .body("rule.criterion", equalTo("attribute"))
                .body("rule.value", equalTo("backend"))
                .body("refreshIntervalMinutes", equalTo(0));
        String etag = read.header("ETag");
        int version = read.path("version");

        RestApi.as(org.member()).contentType(JSON).body(Map.of("rule", department("sales")))
                .put("/v1/groups/{groupId}/rule", groupId).then().statusCode(403);

        RestApi.as(org.admin).contentType(JSON).header("If-Match", etag)
                .body(Map.of("rule", department("sales"), "refreshIntervalMinutes", 15))
                .put("/v1/groups/{groupId}/rule", groupId)
                .then().statusCode(200)
                .body("rule.value", equalTo("sales"))
                .body("refreshIntervalMinutes", equalTo(15))
                .body("version", equalTo(version + 1));

        RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                .body("memberCount", equalTo(2))
                .body("refreshIntervalMinutes", equalTo(15))
                .body("rule.value", equalTo("sales"));

        RestApi.as(org.admin).contentType(JSON).header("If-Match", etag)
                .body(Map.of("rule", department("backend")))
                .put("/v1/groups/{groupId}/rule", groupId).then().statusCode(412);
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("criterion", "member_of", "groupId", groupId)))
                .put("/v1/groups/{groupId}/rule", groupId).then().statusCode(422);
    }

    @Test
    void explain_tells_node_by_node_why_a_user_is_or_is_not_a_member() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        Map<String, Object> rule = Map.of("all", List.of(department("backend"),
                Map.of("not", Map.of("criterion", "reports_to", "managerId", "nobody-in-particular"))));
        String groupId = createDynamic(org, rule, null).then().statusCode(201).extract().path("id");

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, bob)
                .then().statusCode(200)
                .body("member", equalTo(true))
                .body("criteria[0].path", equalTo(""))
                .body("criteria[0].criterion", equalTo("all"))
                .body("criteria[0].matched", equalTo(true))
                .body("criteria[1].path", equalTo("/all/0"))
                .body("criteria[1].criterion", equalTo("attribute"))
                .body("criteria[1].matched", equalTo(true));
        RestApi.as(carol).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, carol)
                .then().statusCode(200)
                .body("member", equalTo(false))
                .body("criteria[1].matched", equalTo(false))
                .body("criteria[1].detail", notNullValue());
        RestApi.as(carol).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, bob)
                .then().statusCode(403);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, "not-in-org")
                .then().statusCode(200).body("member", equalTo(false));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", org.group("organization"), bob)
                .then().statusCode(422);
    }

    @Test
    void the_members_of_a_dynamic_group_are_its_snapshot_and_cannot_be_edited() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = createDynamic(org, department("backend"), null).then().statusCode(201)
                .extract().path("id");

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200)
                .body("items.userId", equalTo(List.of(bob)))
                .body("items[0].via", equalTo("dynamic"))
                .body("items[0].role", equalTo("member"))
                .body("items[0].status", equalTo("active"));
        RestApi.as(org.admin).queryParam("role", "owner").get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).body("items", equalTo(List.of()));

        RestApi.as(org.admin).contentType(JSON).body(List.of(Map.of("userId", carol, "role", "member")))
                .post("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(422).body("type", endsWith("/problems/dynamic-group-read-only"));
        RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", groupId, bob)
                .then().statusCode(422);
    }

    @Test
    void member_of_reads_static_and_dynamic_groups_of_the_org_and_refuses_cycles() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        memberIn(org, "sales");
        String staticGroup = org.group("organization");
        org.addToGroup(staticGroup, bob, "member");

        String d = createDynamic(org, Map.of("criterion", "member_of", "groupId", staticGroup), null)
                .then().statusCode(201).body("memberCount", equalTo(1)).extract().path("id");
        String e = createDynamic(org, Map.of("criterion", "member_of", "groupId", d), null)
                .then().statusCode(201).body("memberCount", equalTo(1)).extract().path("id");
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members", e).then().statusCode(200)
                .body("items.userId", equalTo(List.of(bob)));

        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("criterion", "member_of", "groupId", e)))
                .put("/v1/groups/{groupId}/rule", d).then().statusCode(422);
        String other = TestOrg.create().group("organization");
        createDynamic(org, Map.of("criterion", "member_of", "groupId", other), null).then().statusCode(422);
    }
}
