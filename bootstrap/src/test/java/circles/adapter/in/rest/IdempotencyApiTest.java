package circles.adapter.in.rest;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyApiTest {

    @Test
    void a_repeated_create_with_the_same_key_replays_the_first_answer() {
        TestOrg org = TestOrg.create();
        String key = Ids.unique("key");
        Map<String, Object> body = Map.of("orgId", org.id, "name", Ids.unique("Once"), "type", "project",
                "visibility", "public");

        Response first = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");
        Response again = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");

        first.then().statusCode(201);
        again.then().statusCode(201);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.asString()).isEqualTo(first.asString());
        List<String> named = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", body.get("name"))
                .get("/v1/groups").then().extract().path("items.id");
        assertThat(named).hasSize(1);
    }

    @Test
    void the_same_key_with_another_body_is_refused() {
        TestOrg org = TestOrg.create();
        String key = Ids.unique("key");
        String bob = org.member();
        String carol = org.member();
        String group = org.group("organization");
        RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(List.of(Map.of("userId", bob)))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);

        RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(List.of(Map.of("userId", carol)))
                .post("/v1/groups/{groupId}/members", group)
                .then().statusCode(422).body("type", equalTo("https://circles.dev/problems/idempotency-key-reused"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", group, carol).then().statusCode(404);
    }

    @Test
    void keys_belong_to_their_caller() {
        TestOrg org = TestOrg.create();
        String otherAdmin = org.member("admin");
        String key = Ids.unique("key");

        RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key)
                .body(Map.of("resourceType", "course", "resourceId", "mine"))
                .post("/v1/groups/{groupId}/assignments", org.group("organization")).then().statusCode(201);

        RestApi.as(otherAdmin).contentType(JSON).header("Idempotency-Key", key)
                .body(Map.of("resourceType", "course", "resourceId", "theirs"))
                .post("/v1/groups/{groupId}/assignments", org.group("organization")).then().statusCode(201);
    }
}
