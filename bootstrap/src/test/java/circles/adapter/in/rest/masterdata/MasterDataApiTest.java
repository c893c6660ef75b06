package circles.adapter.in.rest.masterdata;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.RecordingDirectoryEventConsumer;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Departments, locations, cost centers and job titles of an org over HTTP. */
@QuarkusTest
class MasterDataApiTest {
    private static final String DEPARTMENTS = "/v1/orgs/{orgId}/departments";
    private static final String DEPARTMENT = "/v1/orgs/{orgId}/departments/{key}";

    @Inject
    RecordingDirectoryEventConsumer consumer;

    private static Response createDepartment(TestOrg org, String key, String parentKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("name", key.substring(0, 1).toUpperCase() + key.substring(1));
        if (parentKey != null) {
            body.put("parentKey", parentKey);
        }
        return RestApi.as(org.admin).contentType(JSON).body(body).post(DEPARTMENTS, org.id);
    }

    private static void department(TestOrg org, String key, String parentKey) {
        createDepartment(org, key, parentKey).then().statusCode(201);
    }

    private static Response move(TestOrg org, String key, String parentKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("parentKey", parentKey);
        return RestApi.as(org.admin).contentType(MERGE_PATCH).body(body).patch(DEPARTMENT, org.id, key);
    }

    private static List<String> paths(TestOrg org, Map<String, Object> query, int limit) {
        List<String> paths = new ArrayList<>();
        String cursor = null;
        do {
            var request = RestApi.as(org.admin).queryParams(query).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(DEPARTMENTS, org.id);
            page.then().statusCode(200);
            paths.addAll(page.path("items.path"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return paths;
    }

    @Test
    void an_admin_builds_a_department_tree_that_lists_depth_first() {
        TestOrg org = TestOrg.create();
        String manager = org.member();
        Response created = RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("key", "engineering", "name", "Engineering", "managerId", manager))
                .post(DEPARTMENTS, org.id);
        department(org, "sales", null);
        department(org, "backend", "engineering");
        department(org, "engineering-ops", null);
        department(org, "api", "backend");

        created.then().statusCode(201)
                .body("key", equalTo("engineering"))
                .body("parentKey", nullValue())
                .body("path", equalTo("/engineering"))
                .body("managerId", equalTo(manager));
        assertThat(created.header("Location")).endsWith("/v1/orgs/" + org.id + "/departments/engineering");
        assertThat(paths(org, Map.of(), 2)).containsExactly("/engineering", "/engineering/backend",
                "/engineering/backend/api", "/engineering-ops", "/sales");
        assertThat(paths(org, Map.of("parentKey", "engineering"), 50)).containsExactly("/engineering/backend");
        RestApi.as(org.admin).get(DEPARTMENT, org.id, "api").then().statusCode(200)
                .body("parentKey", equalTo("backend"))
                .header("ETag", equalTo("\"1\""));
    }

    @Test
    void moving_a_node_moves_its_subtree_and_a_cycle_is_refused() {
        TestOrg org = TestOrg.create();
        department(org, "engineering", null);
        department(org, "backend", "engineering");
        department(org, "api", "backend");
        department(org, "platform", null);

        move(org, "engineering", "api").then().statusCode(422)
                .body("type", equalTo("https://circles.dev/problems/master-data-cycle"))
                .body("errors.field", hasItem("parentKey"));
        move(org, "backend", "platform").then().statusCode(200).body("path", equalTo("/platform/backend"));

        RestApi.as(org.admin).get(DEPARTMENT, org.id, "api").then().body("path", equalTo("/platform/backend/api"));
        move(org, "backend", null).then().statusCode(200).body("path", equalTo("/backend"));
        move(org, "backend", "nowhere").then().statusCode(422).body("errors.field", hasItem("parentKey"));
    }

    @Test
    void renaming_keeps_the_key_and_a_stale_if_match_is_refused() {
        TestOrg org = TestOrg.create();
        department(org, "engineering", null);
        String etag = RestApi.as(org.admin).get(DEPARTMENT, org.id, "engineering").header("ETag");

        RestApi.as(org.admin).contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("name", "Engineering & Research")).patch(DEPARTMENT, org.id, "engineering")
                .then().statusCode(200).body("name", equalTo("Engineering & Research"))
                .body("key", equalTo("engineering"));
        RestApi.as(org.admin).contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("name", "Again")).patch(DEPARTMENT, org.id, "engineering")
                .then().statusCode(412);
        RestApi.sloppy(org.admin).contentType(MERGE_PATCH).body(Map.of("key", "research"))
                .patch(DEPARTMENT, org.id, "engineering")
                .then().statusCode(422).body("errors.field", hasItem("key"));
    }

    @Test
    void keys_are_slug_like_unique_and_malformed_in_a_path_is_a_bad_request() {
        TestOrg org = TestOrg.create();
        department(org, "engineering", null);

        createDepartment(org, "engineering", null).then().statusCode(409);
        RestApi.sloppy(org.admin).contentType(JSON).body(Map.of("key", "Not A Key", "name", "X"))
                .post(DEPARTMENTS, org.id).then().statusCode(422).body("errors.field", hasItem("key"));
        RestApi.sloppy(org.admin).get(DEPARTMENT, org.id, "Not_Valid!").then().statusCode(400);
        RestApi.as(org.admin).get(DEPARTMENT, org.id, "missing").then().statusCode(404);
    }

    @Test
    void members_read_master_data_only_admins_write_it_and_other_orgs_do_not_see_it() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String member = org.member();
        department(org, "engineering", null);

        RestApi.as(member).get(DEPARTMENT, org.id, "engineering").then().statusCode(200);
        RestApi.as(member).contentType(JSON).body(Map.of("key", "sales", "name", "Sales"))
                .post(DEPARTMENTS, org.id).then().statusCode(403);
        RestApi.as(other.admin).get(DEPARTMENT, org.id, "engineering").then().statusCode(404);
        RestApi.as(other.admin).get(DEPARTMENTS, org.id).then().statusCode(404);
    }

    @Test
    void an_entry_named_by_profiles_is_deleted_only_with_a_replacement_which_the_profiles_then_name() {
        TestOrg org = TestOrg.create();
        department(org, "engineering", null);
        department(org, "engneering", null);
        String bob = org.member();
        String cy = org.member();
        for (String member : List.of(bob, cy)) {
            RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("department", "engneering"))
                    .patch("/v1/orgs/{orgId}/members/{userId}", org.id, member).then().statusCode(200);
        }

        RestApi.as(org.admin).delete(DEPARTMENT, org.id, "engneering").then().statusCode(409)
                .body("type", equalTo("https://circles.dev/problems/master-data-in-use"));
        RestApi.as(org.admin).queryParam("reassignTo", "nowhere").delete(DEPARTMENT, org.id, "engneering")
                .then().statusCode(422).body("errors.field", hasItem("reassignTo"));
        RestApi.as(org.admin).queryParam("reassignTo", "engineering").delete(DEPARTMENT, org.id, "engneering")
                .then().statusCode(204);

        RestApi.as(org.admin).get(DEPARTMENT, org.id, "engneering").then().statusCode(404);
        for (String member : List.of(bob, cy)) {
            RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, member).then()
                    .body("department", equalTo("engineering"));
            UserId id = UserId.of(member);
            assertThat(eventually(Duration.ofSeconds(10), () -> consumer.changesOf(id).stream()
                    .anyMatch(change -> "engineering".equals(department(change)))))
                    .as("the reassignment of %s published", member).isTrue();
        }
        List<String> actions = RestApi.as(org.admin).get("/v1/orgs/{orgId}/audit-events", org.id)
                .then().extract().path("items.action");
        assertThat(actions).contains("department.deleted");
    }

    private static String department(MemberChanged change) {
        return change.after() == null ? null : change.after().profile().department();
    }

    @Test
    void a_department_with_children_is_not_deleted() {
        TestOrg org = TestOrg.create();
        department(org, "engineering", null);
        department(org, "backend", "engineering");

        RestApi.as(org.admin).delete(DEPARTMENT, org.id, "engineering").then().statusCode(409)
                .body("type", equalTo("https://circles.dev/problems/master-data-has-children"));
        RestApi.as(org.admin).delete(DEPARTMENT, org.id, "backend").then().statusCode(204);
        RestApi.as(org.admin).delete(DEPARTMENT, org.id, "engineering").then().statusCode(204);
    }

    @Test
    void locations_are_a_tree_and_cost_centers_and_job_titles_are_lists() {
        TestOrg org = TestOrg.create();
        RestApi.as(org.admin).contentType(JSON).body(Map.of("key", "europe", "name", "Europe"))
                .post("/v1/orgs/{orgId}/locations", org.id).then().statusCode(201);
        RestApi.as(org.admin).contentType(JSON).body(Map.of("key", "berlin", "name", "Berlin", "parentKey", "europe"))
                .post("/v1/orgs/{orgId}/locations", org.id).then().statusCode(201)
                .body("path", equalTo("/europe/berlin"));

        for (String list : List.of("cost-centers", "job-titles")) {
            String collection = "/v1/orgs/{orgId}/" + list;
            RestApi.as(org.admin).contentType(JSON).body(Map.of("key", "b-entry", "name", "B"))
                    .post(collection, org.id).then().statusCode(201).body("key", equalTo("b-entry"));
            RestApi.as(org.admin).contentType(JSON).body(Map.of("key", "a-entry", "name", "A"))
                    .post(collection, org.id).then().statusCode(201);
            RestApi.as(org.admin).get(collection, org.id).then().statusCode(200)
                    .body("items.key", equalTo(List.of("a-entry", "b-entry")));
            RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("name", "Bee"))
                    .patch(collection + "/{key}", org.id, "b-entry").then().statusCode(200)
                    .body("name", equalTo("Bee"));
            RestApi.as(org.admin).delete(collection + "/{key}", org.id, "a-entry").then().statusCode(204);
            RestApi.as(org.admin).get(collection + "/{key}", org.id, "a-entry").then().statusCode(404);
        }
    }
}
