package circles.adapter.in.rest.problem;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal is an RFC 9457 problem document with a stable type. */
@QuarkusTest
class ProblemApiTest {

    @Test
    void a_bad_query_parameter_is_a_400_naming_it() {
        Response response = RestApi.sloppy(Ids.user("u")).queryParam("limit", 0).get("/v1/groups");

        assertProblem(response, 400, "invalid-input", "/v1/groups");
        assertThat(response.<String>path("errors[0].field")).isEqualTo("limit");
    }

    @Test
    void a_malformed_uuid_in_the_path_is_a_400_not_a_404() {
        Response response = RestApi.sloppy(Ids.user("u")).get("/v1/groups/not-a-uuid");

        assertProblem(response, 400, "invalid-input", "/v1/groups/not-a-uuid");
        assertThat(response.<String>path("errors[0].field")).isEqualTo("groupId");
    }

    @Test
    void unparseable_json_and_wrong_json_types_are_400s() {
        TestOrg org = TestOrg.create();

        assertProblem(RestApi.sloppy(org.admin).contentType(JSON).body("{\"name\": ")
                .post("/v1/groups"), 400, "malformed-json", "/v1/groups");
        Response wrongType = RestApi.sloppy(org.admin).contentType(JSON)
                .body(Map.of("orgId", org.id, "name", 42, "type", "project", "visibility", "public"))
                .post("/v1/groups");
        assertProblem(wrongType, 400, "invalid-input", "/v1/groups");
        assertThat(wrongType.<String>path("errors[0].field")).isEqualTo("name");
        Response nested = RestApi.sloppy(org.admin).contentType(MERGE_PATCH)
                .body(Map.of("settings", Map.of("requireApproval", "yes")))
                .patch("/v1/groups/{groupId}", org.group("public"));
        assertProblem(nested, 400, "invalid-input", null);
        assertThat(nested.<String>path("errors[0].field")).isEqualTo("settings.requireApproval");
    }

    @Test
    void a_missing_or_invalid_token_is_a_401_problem() {
        Response missing = RestApi.anonymous().get("/v1/me");
        assertProblem(missing, 401, "unauthorized", "/v1/me");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");

        Response invalid = RestApi.anonymous().header("Authorization", "Bearer not.a.token").get("/v1/groups");
        assertProblem(invalid, 401, "unauthorized", "/v1/groups");
    }

    @Test
    void a_missing_resource_and_an_unknown_path_are_404_problems() {
        assertProblem(RestApi.as(Ids.user("u")).get("/v1/groups/{groupId}", "7b1e4d2c-9a3f-4e8b-b6c5-0d1e2f3a4b5c"),
                404, "group-not-found", null);
        assertProblem(given().header("Authorization", "Bearer " + RestApi.token(Ids.user("u")))
                .get("/v1/nowhere"), 404, "not-found", "/v1/nowhere");
    }

    @Test
    void a_wrong_method_media_type_or_accept_header_is_a_problem_too() {
        String user = Ids.user("u");
        assertProblem(given().header("Authorization", "Bearer " + RestApi.token(user)).delete("/v1/me"),
                405, "method-not-allowed", "/v1/me");
        assertProblem(RestApi.sloppy(user).contentType("text/plain").body("hello").post("/v1/groups"),
                415, "unsupported-media-type", "/v1/groups");
        // The contract declares no 406: the answer is checked here only.
        assertProblem(given().header("Authorization", "Bearer " + RestApi.token(user)).accept("text/html")
                .get("/v1/me"), 406, "not-acceptable", "/v1/me");
    }

    @Test
    void a_body_over_the_limit_is_a_413_problem() {
        // Announced with Expect: 100-continue, as real clients send large bodies, so the refusal does not race
        // the client still writing the body.
        Response response = RestApi.sloppy(Ids.user("u")).contentType(JSON).header("Expect", "100-continue")
                .body("{\"name\": \"" + "a".repeat(1_100_000) + "\"}")
                .post("/v1/groups");

        assertProblem(response, 413, "payload-too-large", "/v1/groups");
    }

    @Test
    void conflicts_stale_versions_and_broken_rules_have_their_own_types() {
        TestOrg org = TestOrg.create();
        String name = Ids.unique("Twice");
        org.createGroup("public", Map.of("name", name)).then().statusCode(201);

        assertProblem(org.createGroup("public", Map.of("name", name)), 409, "group-name-taken", "/v1/groups");
        String group = org.group("public");
        assertProblem(RestApi.as(org.admin).contentType(MERGE_PATCH).header("If-Match", "\"999\"")
                .body(Map.of("name", Ids.unique("Late"))).patch("/v1/groups/{groupId}", group),
                412, "version-mismatch", "/v1/groups/" + group);
        Response rule = RestApi.sloppy(org.admin).contentType(JSON)
                .body(Map.of("orgId", org.id, "name", "  ", "type", "sideways", "visibility", "public"))
                .post("/v1/groups");
        assertProblem(rule, 422, null, "/v1/groups");
        assertThat(rule.<List<String>>path("errors.field")).isNotEmpty();
    }

    private static void assertProblem(Response response, int status, String code, String instance) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(RestApi.PROBLEM);
        Map<String, Object> problem = response.as(Map.class);
        assertThat(problem).containsKeys("type", "title", "status", "detail");
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat((String) problem.get("type")).startsWith("https://circles.dev/problems/");
        if (code != null) {
            assertThat(problem.get("type")).isEqualTo("https://circles.dev/problems/" + code);
        }
        assertThat((String) problem.get("title")).isNotBlank();
        assertThat((String) problem.get("detail")).isNotBlank();
        if (instance != null) {
            assertThat(problem.get("instance")).isEqualTo(instance);
        }
        assertThat(problem.keySet()).isSubsetOf("type", "title", "status", "detail", "instance", "errors");
    }
}
