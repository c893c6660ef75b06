package circles.adapter.in.rest.group;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reshaping an org's group tree from inside, replayed over HTTP: moving a group under a parent one does not manage,
 * creating org groups and dynamic groups without being an org admin, deleting a subtree that holds a group one may
 * not delete. Every attempt is refused and changes nothing.
 */
@QuarkusTest
class GroupTreeRightsApiTest {

    private static final String GROUP = "/v1/groups/{groupId}";

    private static Response move(String caller, String group, String parent) {
        return RestApi.as(caller).contentType(MERGE_PATCH).body(java.util.Collections.singletonMap("parentId", parent))
                .patch(GROUP, group);
    }

    @Test
    void a_group_manager_moves_his_group_under_no_parent_he_does_not_manage() {
        TestOrg org = TestOrg.create();
        String manager = org.member();
        String mine = org.group("organization");
        String theirs = org.group("organization");
        org.addToGroup(mine, manager, "admin");
        org.addToGroup(theirs, manager, "member");

        move(manager, mine, theirs).then().statusCode(403).contentType(RestApi.PROBLEM);

        RestApi.as(org.admin).get(GROUP, mine).then().body("parentId", equalTo(null));
        RestApi.as(org.admin).queryParam("view", "effective").get("/v1/groups/{groupId}/members", theirs)
                .then().body("items.userId", equalTo(List.of(manager)));
    }

    @Test
    void moving_out_of_a_parent_needs_the_parents_settings_right_too() {
        TestOrg org = TestOrg.create();
        String manager = org.member();
        String parent = org.group("organization");
        String child = org.subgroup(parent, "organization");
        String target = org.group("organization");
        org.addToGroup(child, manager, "admin");
        org.addToGroup(target, manager, "admin");

        move(manager, child, target).then().statusCode(403);
        move(manager, child, null).then().statusCode(403);
        RestApi.as(org.admin).get(GROUP, child).then().body("parentId", equalTo(parent));

        org.addToGroup(parent, manager, "admin");
        move(manager, child, target).then().statusCode(200).body("parentId", equalTo(target));
    }

    @Test
    void a_standalone_group_is_not_attached_under_someone_elses_approval_gated_group() {
        String host = Ids.user("host");
        String intruder = Ids.user("intruder");
        String gated = RestApi.as(host).contentType(JSON).body(Map.of("name", Ids.unique("Gated"), "type", "standalone",
                "visibility", "public", "settings", Map.of("requireApproval", true)))
                .post("/v1/groups").then().statusCode(201).extract().path("id");
        String own = RestApi.as(intruder).contentType(JSON).body(Map.of("name", Ids.unique("Mine"), "type",
                "standalone", "visibility", "public")).post("/v1/groups").then().statusCode(201).extract().path("id");

        move(intruder, own, gated).then().statusCode(403);

        RestApi.as(intruder).get(GROUP, own).then().body("parentId", equalTo(null));
        RestApi.as(host).queryParam("view", "effective").get("/v1/groups/{groupId}/members", gated)
                .then().body("items.userId", equalTo(List.of(host)));
    }

    @Test
    void a_group_admin_who_is_no_org_admin_creates_only_static_subgroups_of_groups_he_manages() {
        TestOrg org = TestOrg.create();
        String groupAdmin = org.member();
        String managed = org.group("organization");
        org.addToGroup(managed, groupAdmin, "admin");
        String hidden = org.group("private");

        RestApi.as(groupAdmin).contentType(JSON).body(Map.of("orgId", org.id, "name", Ids.unique("Top"),
                "type", "project", "visibility", "organization")).post("/v1/groups").then().statusCode(403);
        RestApi.as(groupAdmin).contentType(JSON).body(Map.of("orgId", org.id, "name", Ids.unique("Spy"),
                "type", "custom", "kind", "dynamic", "visibility", "organization", "parentId", managed,
                "rule", Map.of("all", List.of(Map.of("criterion", "member_of", "groupId", hidden)))))
                .post("/v1/groups").then().statusCode(403);
        RestApi.as(groupAdmin).contentType(JSON)
                .body(Map.of("rule", Map.of("all", List.of(Map.of("criterion", "member_of", "groupId", hidden)))))
                .post("/v1/orgs/{orgId}/rules/preview", org.id).then().statusCode(403);
        RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("parentId", managed).get("/v1/groups")
                .then().body("items", equalTo(List.of()));

        RestApi.as(groupAdmin).contentType(JSON).body(Map.of("orgId", org.id, "name", Ids.unique("Sub"),
                "type", "project", "visibility", "organization", "parentId", managed))
                .post("/v1/groups").then().statusCode(201).body("ownerId", equalTo(groupAdmin));
    }

    @Test
    void a_cascade_delete_stops_at_a_subgroup_the_owner_cannot_delete_and_does_not_name_it_if_hidden() {
        TestOrg org = TestOrg.create();
        String owner = org.member();
        String parent = org.group("organization");
        org.addToGroup(parent, owner, "owner");
        String secret = org.subgroup(parent, "private");

        Response refused = RestApi.as(owner).queryParam("cascade", true).delete(GROUP, parent);

        refused.then().statusCode(403).contentType(RestApi.PROBLEM);
        assertThat(refused.<String>path("detail")).contains("a subgroup you cannot see").doesNotContain(secret);
        RestApi.as(org.admin).get(GROUP, parent).then().statusCode(200);
        RestApi.as(org.admin).get(GROUP, secret).then().statusCode(200);

        RestApi.as(org.admin).queryParam("cascade", true).delete(GROUP, parent).then().statusCode(204);
    }

    @Test
    void a_suspended_org_member_no_longer_finds_the_orgs_groups_among_his_own() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("private");
        org.addToGroup(group, member, "member");
        RestApi.as(member).get("/v1/me/groups").then().statusCode(200);
        assertThat(RestApi.as(member).get("/v1/me/groups").<List<String>>path("items.group.id")).contains(group);

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "suspended"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, member).then().statusCode(200);

        assertThat(RestApi.as(member).get("/v1/me/groups").<List<String>>path("items.group.id")).doesNotContain(group);
        RestApi.as(member).get(GROUP, group).then().statusCode(404);
    }
}
