package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.dynamic.DynamicTestGroups.memberIn;
import static circles.adapter.in.rest.dynamic.DynamicTestGroups.ruledBy;
import static circles.adapter.in.rest.dynamic.DynamicTestGroups.userIds;
import static circles.adapter.in.rest.RestApi.JSON;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dynamic groups are view-only: every operation that would edit their members or their content is refused with
 * 422 {@code dynamic-group-read-only}, even for org admins, and nothing changes.
 */
@QuarkusTest
class DynamicGroupViewOnlyApiTest {

    private TestOrg org;
    private String bob;
    private String carol;
    private String groupId;

    /** A public dynamic group whose only member is Bob (backend); Carol works in sales. */
    @BeforeEach
    void a_dynamic_group() {
        org = TestOrg.create();
        bob = memberIn(org, "backend");
        carol = memberIn(org, "sales");
        groupId = ruledBy(org, "backend", "public", Map.of());
    }

    private static void refusedAsReadOnly(ValidatableResponse response) {
        response.statusCode(422)
                .contentType(RestApi.PROBLEM)
                .body("type", endsWith("/problems/dynamic-group-read-only"))
                .body("detail", containsString("is dynamic"));
    }

    private void membersAreStill(String... userIds) {
        assertThat(userIds(RestApi.as(org.admin).get("/v1/groups/{groupId}/members", groupId)))
                .containsExactly(userIds);
    }

    @Test
    void members_cannot_be_added() {
        refusedAsReadOnly(RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", carol, "role", "member")))
                .post("/v1/groups/{groupId}/members", groupId).then());
        membersAreStill(bob);
    }

    @Test
    void members_cannot_be_changed_or_approved() {
        refusedAsReadOnly(RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "active"))
                .patch("/v1/groups/{groupId}/members/{userId}", groupId, bob).then());
        refusedAsReadOnly(RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("role", "admin"))
                .patch("/v1/groups/{groupId}/members/{userId}", groupId, carol).then());
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", groupId, bob)
                .then().statusCode(200).body("role", equalTo("member")).body("via", equalTo("dynamic"));
    }

    @Test
    void members_cannot_be_removed() {
        refusedAsReadOnly(RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", groupId, bob)
                .then());
        refusedAsReadOnly(RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", groupId, carol)
                .then());
        membersAreStill(bob);
    }

    @Test
    void nobody_joins_it_not_even_someone_the_rule_would_take() {
        refusedAsReadOnly(RestApi.as(carol).post("/v1/groups/{groupId}/join", groupId).then());
        String newcomer = memberIn(org, "backend");
        refusedAsReadOnly(RestApi.as(newcomer).post("/v1/groups/{groupId}/join", groupId).then());
        // The rule takes the newcomer on arrival (event-driven), not the refused join: they are there by the rule.
        assertThat(eventually(Duration.ofSeconds(5), () -> userIds(RestApi.as(org.admin)
                .get("/v1/groups/{groupId}/members", groupId)).containsAll(List.of(bob, newcomer)))).isTrue();
        membersAreStill(List.of(bob, newcomer).stream().sorted().toArray(String[]::new));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", groupId, newcomer)
                .then().statusCode(200).body("via", equalTo("dynamic"));
    }

    @Test
    void its_computed_members_cannot_leave() {
        refusedAsReadOnly(RestApi.as(bob).post("/v1/groups/{groupId}/leave", groupId).then());
        membersAreStill(bob);
    }

    @Test
    void content_cannot_be_assigned() {
        refusedAsReadOnly(RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("resourceType", "course", "resourceId", "course-101"))
                .post("/v1/groups/{groupId}/assignments", groupId).then());
        RestApi.as(org.admin).get("/v1/groups/{groupId}/assignments", groupId)
                .then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void assignments_cannot_be_removed() {
        refusedAsReadOnly(RestApi.as(org.admin)
                .delete("/v1/groups/{groupId}/assignments/{assignmentId}", groupId, UUID.randomUUID().toString())
                .then());
    }

    @Test
    void a_static_group_of_the_same_org_takes_all_of_these() {
        String staticGroup = org.group("public");
        RestApi.as(org.admin).contentType(JSON).body(List.of(Map.of("userId", carol, "role", "member")))
                .post("/v1/groups/{groupId}/members", staticGroup).then().statusCode(201);
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "active"))
                .patch("/v1/groups/{groupId}/members/{userId}", staticGroup, carol).then().statusCode(200);
        RestApi.as(bob).post("/v1/groups/{groupId}/join", staticGroup).then().statusCode(201);
        RestApi.as(bob).post("/v1/groups/{groupId}/leave", staticGroup).then().statusCode(204);
        String assignment = RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("resourceType", "course", "resourceId", "course-101"))
                .post("/v1/groups/{groupId}/assignments", staticGroup).then().statusCode(201).extract().path("id");
        RestApi.as(org.admin).delete("/v1/groups/{groupId}/assignments/{assignmentId}", staticGroup, assignment)
                .then().statusCode(204);
        RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", staticGroup, carol)
                .then().statusCode(204);
    }
}
