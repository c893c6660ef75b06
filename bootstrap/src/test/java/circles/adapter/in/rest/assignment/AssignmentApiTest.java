package circles.adapter.in.rest.assignment;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssignmentApiTest {

    @Test
    void resources_are_assigned_listed_and_removed() {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");

        Response added = assign(org.admin, group, "course", "course-v1:acme+sec101");
        added.then().statusCode(201)
                .body("groupId", equalTo(group))
                .body("resourceType", equalTo("course"))
                .body("resourceId", equalTo("course-v1:acme+sec101"))
                .body("assignedBy", equalTo(org.admin));
        String id = added.path("id");
        assertThat(added.header("Location")).endsWith("/v1/groups/" + group + "/assignments/" + id);

        RestApi.as(org.admin).get("/v1/groups/{groupId}/assignments", group)
                .then().statusCode(200).body("items.id", equalTo(List.of(id)));
        RestApi.as(org.admin).delete("/v1/groups/{groupId}/assignments/{assignmentId}", group, id)
                .then().statusCode(204);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/assignments", group)
                .then().statusCode(200).body("items", empty());
        RestApi.as(org.admin).delete("/v1/groups/{groupId}/assignments/{assignmentId}", group, id)
                .then().statusCode(404);
    }

    @Test
    void the_same_resource_is_assigned_to_a_group_once() {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");
        assign(org.admin, group, "document", "handbook").then().statusCode(201);

        assign(org.admin, group, "document", "handbook").then().statusCode(409);
    }

    @Test
    void plain_members_may_read_but_not_assign() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        org.addToGroup(group, member, "member");

        assign(member, group, "course", "c1").then().statusCode(403);
        RestApi.as(member).get("/v1/groups/{groupId}/assignments", group).then().statusCode(200);
    }

    @Test
    void a_member_receives_what_is_assigned_to_the_groups_above_theirs() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String onlooker = org.member();
        String parent = org.group("organization");
        String child = org.subgroup(parent, "organization");
        String unrelated = org.group("organization");
        org.addToGroup(child, member, "member");
        String fromParent = assign(org.admin, parent, "course", "onboarding").path("id");
        String fromChild = assign(org.admin, child, "channel", "team-chat").path("id");
        assign(org.admin, unrelated, "course", "elsewhere").then().statusCode(201);

        Response reaching = RestApi.as(member).get("/v1/orgs/{orgId}/members/{userId}/assignments", org.id, member);

        reaching.then().statusCode(200);
        List<String> ids = reaching.path("items.assignment.id");
        assertThat(ids).containsExactlyInAnyOrder(fromParent, fromChild);
        List<List<String>> via = reaching.path("items.viaGroupIds");
        assertThat(via).as("viaGroupIds name the member's own group %s, not the group holding the assignment", child)
                .allSatisfy(groups -> assertThat(groups).containsExactly(child));
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}/assignments", org.id, member)
                .then().statusCode(200);
        RestApi.as(onlooker).get("/v1/orgs/{orgId}/members/{userId}/assignments", org.id, member)
                .then().statusCode(403);
    }

    @Test
    void the_assignments_of_someone_who_is_no_member_of_the_org_are_not_found_like_their_other_views() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String stranger = other.member();
        other.addToGroup(other.group("organization"), stranger, "member");

        for (String view : List.of("assignments", "groups", "reviewers")) {
            RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}/" + view, org.id, stranger)
                    .then().statusCode(404)
                    .body("type", equalTo("https://circles.dev/problems/org-member-not-found"));
        }
    }

    @Test
    void a_member_is_routed_to_the_reviewers_of_their_groups() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String reviewer = org.member();
        String parent = org.group("organization", Map.of("reviewerId", reviewer));
        String child = org.subgroup(parent, "organization");
        org.addToGroup(child, member, "member");

        RestApi.as(member).get("/v1/orgs/{orgId}/members/{userId}/reviewers", org.id, member)
                .then().statusCode(200)
                .body("items.reviewerId", equalTo(List.of(reviewer)))
                .body("items.groupId", equalTo(List.of(parent)));

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("reviewerId", Ids.user("nobody")))
                .patch("/v1/groups/{groupId}", child)
                .then().statusCode(422).body("errors[0].field", equalTo("reviewerId"));
    }

    private static Response assign(String caller, String group, String type, String id) {
        return RestApi.as(caller).contentType(JSON).body(Map.of("resourceType", type, "resourceId", id))
                .post("/v1/groups/{groupId}/assignments", group);
    }
}
