package circles.adapter.in.rest.rule;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.DirectoryEventQueue;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/orgs/{orgId}/rules/preview} over HTTP: the count and first page of an unsaved rule, the diff
 * against a dynamic group's current snapshot after the data changed, refusals, and that a preview writes nothing.
 */
@QuarkusTest
class RulePreviewApiTest {

    private static Map<String, Object> attribute(String field, String operator, String value) {
        return Map.of("criterion", "attribute", "field", field, "operator", operator, "value", value);
    }

    /** An org with a department tree (engineering > backend, frontend; sales) and a prefix for its users. */
    private record World(TestOrg org, String prefix) {
        String user(String name) {
            return prefix + name;
        }

        void member(String name, String department, String status) {
            Map<String, Object> body = new HashMap<>(Map.of("userId", user(name), "role", "member",
                    "displayName", "Person " + name.toUpperCase(), "email", name + "@acme.example",
                    "department", department));
            RestApi.as(org.admin).contentType(JSON).body(body).post("/v1/orgs/{orgId}/members", org.id)
                    .then().statusCode(201);
            if (!"active".equals(status)) {
                change(name, Map.of("status", status));
            }
        }

        void change(String name, Map<String, Object> patch) {
            RestApi.as(org.admin).contentType(MERGE_PATCH).body(patch)
                    .patch("/v1/orgs/{orgId}/members/{userId}", org.id, user(name)).then().statusCode(200);
        }

        Response preview(String caller, Map<String, Object> body) {
            return RestApi.as(caller).contentType(JSON).body(body).post("/v1/orgs/{orgId}/rules/preview", org.id);
        }

        Response preview(Map<String, Object> body) {
            return preview(org.admin, body);
        }

        /** A preview whose rule the contract refuses on purpose: only the answer is checked. */
        Response previewInvalid(Map<String, Object> body) {
            return RestApi.sloppy(org.admin).contentType(JSON).body(body)
                    .post("/v1/orgs/{orgId}/rules/preview", org.id);
        }
    }

    private static World world() {
        TestOrg org = TestOrg.create();
        for (Map<String, Object> department : List.of(Map.<String, Object>of("key", "engineering", "name", "Eng"),
                Map.<String, Object>of("key", "backend", "name", "Backend", "parentKey", "engineering"),
                Map.<String, Object>of("key", "frontend", "name", "Frontend", "parentKey", "engineering"),
                Map.<String, Object>of("key", "sales", "name", "Sales"))) {
            RestApi.as(org.admin).contentType(JSON).body(department).post("/v1/orgs/{orgId}/departments", org.id)
                    .then().statusCode(201);
        }
        World world = new World(org, Ids.unique("pv") + "-");
        world.member("a", "backend", "active");
        world.member("b", "frontend", "active");
        world.member("c", "engineering", "active");
        world.member("d", "sales", "active");
        world.member("e", "backend", "suspended");
        world.member("f", " Backend ", "active");
        return world;
    }

    @Test
    void the_count_and_the_first_page_of_an_unsaved_rule() {
        World w = world();

        w.preview(Map.of("rule", attribute("department", "is_under", "engineering"), "limit", 2))
                .then().statusCode(200)
                .body("count", equalTo(4))
                .body("items.userId", equalTo(List.of(w.user("a"), w.user("b"))))
                .body("items[0].displayName", equalTo("Person A"))
                .body("items[0].email", equalTo("a@acme.example"))
                .body("added", nullValue())
                .body("removed", nullValue())
                .body("unchanged", nullValue());
        Map<String, Object> answer = w.preview(Map.of("rule", Map.of("logic", "OR", "rules", List.of(
                        Map.of("field", "department", "operator", "equals", "value", "SALES"),
                        Map.of("field", "email", "operator", "starts_with", "value", "b@")))))
                .then().statusCode(200)
                .body("count", equalTo(2))
                .body("items.userId", equalTo(List.of(w.user("b"), w.user("d"))))
                .extract().path("");
        assertThat(answer).containsKeys("added", "removed", "unchanged");
        w.preview(Map.of("rule", Map.of("criterion", "all_members"))).then().statusCode(200)
                .body("count", equalTo(6))
                .body("items", org.hamcrest.Matchers.hasSize(6));
    }

    @Test
    void with_a_group_it_shows_what_saving_the_rule_would_change_against_the_current_members() {
        World w = world();
        String groupId = w.org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom",
                        "rule", attribute("department", "equals", "backend")))
                .then().statusCode(201).body("memberCount", equalTo(2)).extract().path("id");
        w.change("b", Map.of("department", "backend"));
        w.change("a", Map.of("department", "sales"));
        w.change("c", Map.of("displayName", "Cleo"));

        // The diff is against what the snapshot holds: read it once the changes' re-checks are done, so that none
        // moves it between this read and the preview.
        DirectoryEventQueue.awaitHandled(w.org.id);
        List<String> current = members(w.org, groupId);
        List<String> target = List.of(w.user("b"), w.user("c"), w.user("f"));
        List<String> added = target.stream().filter(id -> !current.contains(id)).toList();
        List<String> removed = current.stream().filter(id -> !target.contains(id)).toList();
        assertThat(added).isNotEmpty();
        Response preview = w.preview(Map.of("rule", attribute("department", "is_under", "engineering"),
                "groupId", groupId, "limit", 1));

        preview.then().statusCode(200)
                .body("count", equalTo(3))
                .body("items.userId", equalTo(List.of(w.user("b"))))
                .body("added.count", equalTo(added.size()))
                .body("added.sample.userId", equalTo(added.subList(0, 1)))
                .body("removed.count", equalTo(removed.size()))
                .body("removed.sample.userId", equalTo(removed.isEmpty() ? List.of() : removed.subList(0, 1)))
                .body("unchanged", equalTo(target.size() - added.size()));
        Map<String, String> names = Map.of(w.user("b"), "Person B", w.user("c"), "Cleo", w.user("f"), "Person F",
                w.user("a"), "Person A");
        assertThat(preview.<String>path("added.sample[0].displayName")).isEqualTo(names.get(added.get(0)));

        // A rule that selects nobody would empty the group.
        w.preview(Map.of("rule", attribute("department", "equals", "no-such-department"), "groupId", groupId))
                .then().statusCode(200)
                .body("count", equalTo(0))
                .body("items", equalTo(List.of()))
                .body("added.count", equalTo(0))
                .body("removed.count", equalTo(current.size()))
                .body("removed.sample.userId", equalTo(current))
                .body("unchanged", equalTo(0));
    }

    @Test
    void a_preview_writes_nothing() {
        World w = world();
        String groupId = w.org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom",
                        "rule", attribute("department", "equals", "backend")))
                .then().statusCode(201).extract().path("id");
        Map<String, Object> before = RestApi.as(w.org.admin).get("/v1/groups/{groupId}", groupId)
                .then().statusCode(200).extract().path("");
        List<String> members = members(w.org, groupId);
        List<String> audited = audited(w.org, groupId);

        w.preview(Map.of("rule", Map.of("criterion", "all_members"), "groupId", groupId)).then().statusCode(200)
                .body("added.count", equalTo(4));
        w.preview(Map.of("rule", Map.of("criterion", "all_members"))).then().statusCode(200);

        Map<String, Object> after = RestApi.as(w.org.admin).get("/v1/groups/{groupId}", groupId)
                .then().statusCode(200).extract().path("");
        assertThat(after.get("rule")).isEqualTo(before.get("rule"));
        assertThat(after.get("memberCount")).isEqualTo(before.get("memberCount"));
        assertThat(after.get("version")).isEqualTo(before.get("version"));
        assertThat(((Map<?, ?>) after.get("evaluation")).get("lastComputedAt"))
                .isEqualTo(((Map<?, ?>) before.get("evaluation")).get("lastComputedAt"));
        assertThat(members(w.org, groupId)).isEqualTo(members);
        assertThat(audited(w.org, groupId)).isEqualTo(audited);
    }

    private static List<String> members(TestOrg org, String groupId) {
        return RestApi.as(org.admin).queryParam("limit", 500).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().path("items.userId");
    }

    private static List<String> audited(TestOrg org, String groupId) {
        return RestApi.as(org.admin).queryParam("targetId", groupId).queryParam("limit", 500)
                .get("/v1/orgs/{orgId}/audit-events", org.id)
                .then().statusCode(200).extract().path("items.action");
    }

    @Test
    void an_invalid_rule_is_refused_with_pointers_into_the_request() {
        World w = world();

        w.preview(Map.of("rule", Map.of("all", List.of(attribute("department", "equals", "sales"),
                        attribute("department", "equals", " ")))))
                .then().statusCode(422)
                .body("type", endsWith("/problems/rule-invalid"))
                .body("errors[0].field", equalTo("/rule/all/1/value"));
        w.previewInvalid(Map.of("rule", Map.of("logic", "AND", "rules", List.of(
                        Map.of("field", "department", "operator", "sounds_like", "value", "x")))))
                .then().statusCode(422)
                .body("errors[0].field", equalTo("/rule/rules/0/operator"));
        String otherOrgsGroup = TestOrg.create().group("organization");
        w.preview(Map.of("rule", Map.of("criterion", "member_of", "groupId", otherOrgsGroup)))
                .then().statusCode(422)
                .body("errors[0].field", equalTo("/rule"));
        RestApi.sloppy(w.org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("criterion", "all_members"), "limit", 101))
                .post("/v1/orgs/{orgId}/rules/preview", w.org.id)
                .then().statusCode(422).body("errors[0].field", equalTo("limit"));
        RestApi.sloppy(w.org.admin).contentType(JSON).body(Map.of("limit", 5))
                .post("/v1/orgs/{orgId}/rules/preview", w.org.id)
                .then().statusCode(400).body("errors[0].field", equalTo("rule"));
        w.preview(Map.of("rule", Map.of("criterion", "all_members"), "groupId", w.org.group("organization")))
                .then().statusCode(422).body("type", endsWith("/problems/group-not-dynamic"));
    }

    @Test
    void other_orgs_do_not_exist_for_the_caller_and_plain_members_may_not_preview() {
        World w = world();
        Map<String, Object> rule = Map.of("rule", Map.of("criterion", "all_members"));
        TestOrg other = TestOrg.create();
        String othersGroup = other.createGroup("organization", Map.of("kind", "dynamic", "type", "custom",
                "rule", Map.of("criterion", "all_members"))).then().statusCode(201).extract().path("id");

        w.preview(other.admin, rule).then().statusCode(404);
        w.preview(Map.of("rule", Map.of("criterion", "all_members"), "groupId", othersGroup))
                .then().statusCode(404);
        w.preview(w.user("a"), rule).then().statusCode(403);
        RestApi.as(other.admin).contentType(JSON).body(rule).post("/v1/orgs/{orgId}/rules/preview", other.id)
                .then().statusCode(200).body("count", equalTo(1));
    }
}
