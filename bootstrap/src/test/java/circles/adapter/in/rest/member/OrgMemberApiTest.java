package circles.adapter.in.rest.member;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrgMemberApiTest {

    @Test
    void an_org_admin_adds_a_member_with_a_role_and_profile() {
        TestOrg org = TestOrg.create();
        String bob = Ids.user("bob");

        Response added = RestApi.as(org.admin)
                .contentType(JSON)
                .body(Map.of("userId", bob, "role", "it_admin", "email", "bob@acme.example", "displayName", "Bob"))
                .post("/v1/orgs/{orgId}/members", org.id);

        added.then().statusCode(201)
                .body("orgId", equalTo(org.id))
                .body("userId", equalTo(bob))
                .body("role", equalTo("it_admin"))
                .body("status", equalTo("active"))
                .body("email", equalTo("bob@acme.example"))
                .body("displayName", equalTo("Bob"))
                .body("department", nullValue());
        assertThat(added.header("Location")).endsWith("/v1/orgs/" + org.id + "/members/" + bob);
        assertThat(added.header("ETag")).isEqualTo("\"" + added.path("version") + "\"");
    }

    @Test
    void adding_someone_who_is_a_member_already_is_a_conflict() {
        TestOrg org = TestOrg.create();
        String member = org.member();

        RestApi.as(org.admin)
                .contentType(JSON)
                .body(Map.of("userId", member))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(409);
    }

    @Test
    void plain_members_read_the_directory_but_may_not_add_to_it() {
        TestOrg org = TestOrg.create();
        String member = org.member();

        RestApi.as(member).get("/v1/orgs/{orgId}/members/{userId}", org.id, org.admin)
                .then().statusCode(200).body("role", equalTo("admin"));
        RestApi.as(member)
                .contentType(JSON)
                .body(Map.of("userId", Ids.user("x")))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(403);
    }

    @Test
    void the_member_list_is_filtered_by_role_status_and_text() {
        TestOrg org = TestOrg.create();
        String itAdmin = org.member("it_admin");
        String active = org.member();
        String suspended = org.member();
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "suspended"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, suspended)
                .then().statusCode(200).body("status", equalTo("suspended"));

        assertThat(memberIds(org, Map.of())).containsExactlyInAnyOrder(org.admin, itAdmin, active, suspended);
        assertThat(memberIds(org, Map.of("role", "it_admin"))).containsExactly(itAdmin);
        assertThat(memberIds(org, Map.of("status", "suspended"))).containsExactly(suspended);
        assertThat(memberIds(org, Map.of("role", "member", "status", "active"))).containsExactly(active);
        assertThat(memberIds(org, Map.of("q", active.substring(active.length() - 8).toUpperCase())))
                .containsExactly(active);
    }

    @Test
    void the_member_list_pages_through_everyone_in_user_id_order() {
        TestOrg org = TestOrg.create();
        for (int i = 0; i < 4; i++) {
            org.member();
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = RestApi.as(org.admin).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/orgs/{orgId}/members", org.id);
            page.then().statusCode(200);
            List<String> ids = page.path("items.userId");
            assertThat(ids.size()).isLessThanOrEqualTo(2);
            seen.addAll(ids);
            cursor = page.path("nextCursor");
        } while (cursor != null);

        assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void an_admin_changes_a_members_role_and_a_stale_if_match_is_refused() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String etag = RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, member).header("ETag");

        Response changed = RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .header("If-Match", etag)
                .body(Map.of("role", "it_admin"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, member);

        changed.then().statusCode(200).body("role", equalTo("it_admin"));
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .header("If-Match", etag)
                .body(Map.of("role", "member"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, member)
                .then().statusCode(412);
    }

    @Test
    void the_last_admin_cannot_be_demoted() {
        TestOrg org = TestOrg.create();

        RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .body(Map.of("role", "member"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, org.admin)
                .then().statusCode(422);
    }

    @Test
    void removing_someone_from_the_org_removes_them_from_its_groups() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        org.addToGroup(group, member, "member");

        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/members/{userId}", org.id, member)
                .then().statusCode(204);

        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, member).then().statusCode(404);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", group, member).then().statusCode(404);
        List<String> members = RestApi.as(org.admin).get("/v1/groups/{groupId}/members", group)
                .then().statusCode(200).extract().path("items.userId");
        assertThat(members).doesNotContain(member);
    }

    private static List<String> memberIds(TestOrg org, Map<String, String> query) {
        return RestApi.as(org.admin).queryParams(query).get("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(200).extract().path("items.userId");
    }
}
