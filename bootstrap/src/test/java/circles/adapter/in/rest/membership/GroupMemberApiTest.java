package circles.adapter.in.rest.membership;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GroupMemberApiTest {

    @Test
    void members_are_added_in_bulk() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String carol = org.member();
        String group = org.group("organization");

        Response added = RestApi.as(org.admin)
                .contentType(JSON)
                .body(List.of(Map.of("userId", bob),
                        Map.of("userId", carol, "role", "moderator", "validUntil", "2099-06-30T23:59:59Z",
                                "permissions", List.of("send_notifications"))))
                .post("/v1/groups/{groupId}/members", group);

        added.then().statusCode(201)
                .body("items.userId", equalTo(List.of(bob, carol)))
                .body("items.role", equalTo(List.of("member", "moderator")))
                .body("items[0].invitedBy", equalTo(org.admin))
                .body("items[1].validUntil", equalTo("2099-06-30T23:59:59Z"))
                .body("items[1].permissions", equalTo(List.of("send_notifications")))
                .body("items.via", equalTo(List.of("direct", "direct")));
        assertThat(added.header("Location")).endsWith("/v1/groups/" + group + "/members");
        RestApi.as(org.admin).get("/v1/groups/{groupId}", group).then().body("memberCount", equalTo(2));
    }

    @Test
    void a_bulk_add_with_one_bad_item_adds_nobody_and_names_every_bad_item() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String existing = org.member();
        String stranger = Ids.user("stranger");
        String group = org.group("organization");
        org.addToGroup(group, existing, "member");

        RestApi.as(org.admin)
                .contentType(JSON)
                .body(List.of(Map.of("userId", bob), Map.of("userId", stranger), Map.of("userId", existing)))
                .post("/v1/groups/{groupId}/members", group)
                .then().statusCode(422)
                .contentType(RestApi.PROBLEM)
                .body("errors.field", hasItems("[1].userId", "[2].userId"));

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", group, bob).then().statusCode(404);
    }

    @Test
    void the_effective_view_includes_members_of_subgroups() {
        TestOrg org = TestOrg.create();
        String direct = org.member();
        String nested = org.member();
        String deep = org.member();
        String parent = org.group("organization");
        String child = org.subgroup(parent, "organization");
        String grandchild = org.subgroup(child, "organization");
        org.addToGroup(parent, direct, "admin");
        org.addToGroup(child, nested, "member");
        org.addToGroup(grandchild, deep, "moderator");

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members", parent)
                .then().statusCode(200).body("items.userId", equalTo(List.of(direct)));
        Response effective = RestApi.as(org.admin).queryParam("view", "effective")
                .get("/v1/groups/{groupId}/members", parent);
        effective.then().statusCode(200);
        Map<String, String> via = viaByUser(effective);
        assertThat(via).containsEntry(direct, "direct")
                .containsEntry(nested, "subgroup:" + child)
                .containsEntry(deep, "subgroup:" + grandchild)
                .hasSize(3);
        assertThat(fieldByUser(effective, "viaKind")).containsEntry(direct, "direct")
                .containsEntry(nested, "subgroup")
                .containsEntry(deep, "subgroup");
        assertThat(fieldByUser(effective, "viaGroupId")).containsEntry(direct, null)
                .containsEntry(nested, child)
                .containsEntry(deep, grandchild);
        assertThat(effective.<List<String>>path("items.groupId")).containsOnly(parent);
        RestApi.as(org.admin).queryParam("view", "effective").queryParam("role", "moderator")
                .get("/v1/groups/{groupId}/members", parent)
                .then().body("items.userId", equalTo(List.of(deep)));
    }

    @Test
    void joining_a_public_group_twice_changes_nothing_the_second_time() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("public");

        Response first = RestApi.as(member).post("/v1/groups/{groupId}/join", group);
        first.then().statusCode(201).body("userId", equalTo(member)).body("status", equalTo("active"))
                .body("role", equalTo("member"));
        assertThat(first.header("Location")).endsWith("/v1/groups/" + group + "/members/" + member);
        assertThat(first.header("ETag")).isNotBlank();

        RestApi.as(member).post("/v1/groups/{groupId}/join", group)
                .then().statusCode(200).body("joinedAt", equalTo(first.path("joinedAt")));
    }

    @Test
    void groups_that_are_not_public_cannot_be_joined() {
        TestOrg org = TestOrg.create();
        String member = org.member();

        RestApi.as(member).post("/v1/groups/{groupId}/join", org.group("organization")).then().statusCode(403);
        RestApi.as(member).post("/v1/groups/{groupId}/join", org.group("private")).then().statusCode(404);
    }

    @Test
    void a_join_that_needs_approval_is_pending_until_a_moderator_approves_it() {
        TestOrg org = TestOrg.create();
        String moderator = org.member();
        String applicant = org.member();
        String group = org.group("public", Map.of("settings", Map.of("requireApproval", true)));
        org.addToGroup(group, moderator, "moderator");

        RestApi.as(applicant).post("/v1/groups/{groupId}/join", group)
                .then().statusCode(201).body("status", equalTo("pending"));
        RestApi.as(moderator).queryParam("status", "pending").get("/v1/groups/{groupId}/members", group)
                .then().statusCode(200).body("items.userId", equalTo(List.of(applicant)));

        RestApi.as(moderator).contentType(MERGE_PATCH).body(Map.of("status", "active"))
                .patch("/v1/groups/{groupId}/members/{userId}", group, applicant)
                .then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void a_pending_join_is_rejected_by_removing_it() {
        TestOrg org = TestOrg.create();
        String applicant = org.member();
        String group = org.group("public", Map.of("settings", Map.of("requireApproval", true)));
        RestApi.as(applicant).post("/v1/groups/{groupId}/join", group).then().statusCode(201);

        RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", group, applicant)
                .then().statusCode(204);

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", group, applicant).then().statusCode(404);
    }

    @Test
    void a_member_leaves_and_leaving_again_finds_nothing() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("public");
        RestApi.as(member).post("/v1/groups/{groupId}/join", group).then().statusCode(201);

        RestApi.as(member).post("/v1/groups/{groupId}/leave", group).then().statusCode(204);

        RestApi.as(member).post("/v1/groups/{groupId}/leave", group).then().statusCode(404);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members", group).then().body("items", empty());
    }

    @Test
    void the_last_owner_can_neither_leave_nor_be_demoted() {
        String owner = Ids.user("owner");
        String group = RestApi.as(owner).contentType(JSON)
                .body(Map.of("name", Ids.unique("Club"), "type", "standalone", "visibility", "public"))
                .post("/v1/groups").then().statusCode(201).extract().path("id");

        RestApi.as(owner).post("/v1/groups/{groupId}/leave", group)
                .then().statusCode(422).body("type", equalTo("https://circles.dev/problems/last-owner"));
        RestApi.as(owner).contentType(MERGE_PATCH).body(Map.of("role", "member"))
                .patch("/v1/groups/{groupId}/members/{userId}", group, owner)
                .then().statusCode(422);

        String second = Ids.user("second");
        RestApi.as(second).post("/v1/groups/{groupId}/join", group).then().statusCode(201);
        RestApi.as(owner).contentType(MERGE_PATCH).body(Map.of("role", "owner"))
                .patch("/v1/groups/{groupId}/members/{userId}", group, second).then().statusCode(200);
        RestApi.as(owner).post("/v1/groups/{groupId}/leave", group).then().statusCode(204);
    }

    @Test
    void member_invites_let_plain_members_add_members_but_not_admins() {
        TestOrg org = TestOrg.create();
        String inviter = org.member();
        String friend = org.member();
        String boss = org.member();
        String open = org.group("organization", Map.of("settings", Map.of("allowMemberInvites", true)));
        String closed = org.group("organization");
        org.addToGroup(open, inviter, "member");
        org.addToGroup(closed, inviter, "member");

        RestApi.as(inviter).contentType(JSON).body(List.of(Map.of("userId", boss, "role", "admin")))
                .post("/v1/groups/{groupId}/members", open)
                .then().statusCode(422).body("errors.field", equalTo(List.of("[0].role")));
        RestApi.as(inviter).contentType(JSON).body(List.of(Map.of("userId", friend)))
                .post("/v1/groups/{groupId}/members", closed).then().statusCode(403);
        RestApi.as(inviter).contentType(JSON).body(List.of(Map.of("userId", friend, "role", "member")))
                .post("/v1/groups/{groupId}/members", open).then().statusCode(201);
    }

    @Test
    void moderators_add_plain_members_but_grant_no_higher_role() {
        TestOrg org = TestOrg.create();
        String moderator = org.member();
        String someone = org.member();
        String group = org.group("organization");
        org.addToGroup(group, moderator, "moderator");

        for (String role : List.of("admin", "owner", "moderator")) {
            RestApi.as(moderator).contentType(JSON).body(List.of(Map.of("userId", someone, "role", role)))
                    .post("/v1/groups/{groupId}/members", group)
                    .then().statusCode(422).body("errors.field", equalTo(List.of("[0].role")));
        }
        RestApi.as(moderator).contentType(JSON).body(List.of(Map.of("userId", someone, "role", "member")))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);
        RestApi.as(moderator).contentType(MERGE_PATCH).body(Map.of("role", "admin"))
                .patch("/v1/groups/{groupId}/members/{userId}", group, someone)
                .then().statusCode(422).body("errors.field", equalTo(List.of("role")));
    }

    @Test
    void an_extra_manage_members_permission_lets_a_plain_member_add_members() {
        TestOrg org = TestOrg.create();
        String helper = org.member();
        String newcomer = org.member();
        String group = org.group("organization");

        RestApi.as(helper).contentType(JSON).body(List.of(Map.of("userId", newcomer)))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(403);
        RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", helper, "permissions", List.of("manage_members"))))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);
        RestApi.as(helper).contentType(JSON).body(List.of(Map.of("userId", newcomer)))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);
    }

    @Test
    void a_new_org_member_joins_auto_add_groups_at_once() {
        TestOrg org = TestOrg.create();
        String auto = org.group("organization", Map.of("settings", Map.of("autoAddNewOrgMembers", true)));
        String manual = org.group("organization");

        String newcomer = org.member();

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", auto, newcomer)
                .then().statusCode(200).body("role", equalTo("member")).body("status", equalTo("active"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", manual, newcomer).then().statusCode(404);
    }

    @Test
    void a_member_update_sets_validity_and_notification_override_and_honours_if_match() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        org.addToGroup(group, member, "member");
        Response read = RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", group, member);
        read.then().statusCode(200).body("notificationOverride", equalTo(null));
        String etag = read.header("ETag");

        Response changed = RestApi.as(org.admin).contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("validUntil", "2099-01-01T00:00:00Z", "notificationOverride", Map.of("enabled", false)))
                .patch("/v1/groups/{groupId}/members/{userId}", group, member);
        changed.then().statusCode(200)
                .body("validUntil", equalTo("2099-01-01T00:00:00Z"))
                .body("notificationOverride.enabled", equalTo(false));
        assertThat(changed.header("ETag")).isNotEqualTo(etag);

        RestApi.as(org.admin).contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("role", "moderator"))
                .patch("/v1/groups/{groupId}/members/{userId}", group, member)
                .then().statusCode(412);
        RestApi.as(member).contentType(MERGE_PATCH)
                .body(Map.of("notificationOverride", Map.of("types", List.of("announcement"))))
                .patch("/v1/groups/{groupId}/members/{userId}", group, member)
                .then().statusCode(200)
                .body("notificationOverride", equalTo(Map.of("enabled", false, "types", List.of("announcement"))));
    }

    @Test
    void validity_must_end_after_it_starts() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");

        RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", member, "validFrom", "2030-01-01T00:00:00Z",
                        "validUntil", "2029-01-01T00:00:00Z")))
                .post("/v1/groups/{groupId}/members", group)
                .then().statusCode(422).body("errors[0].field", equalTo("[0].validUntil"));
    }

    private static Map<String, String> viaByUser(Response page) {
        return fieldByUser(page, "via");
    }

    private static Map<String, String> fieldByUser(Response page, String field) {
        List<String> users = page.path("items.userId");
        List<String> via = page.path("items." + field);
        java.util.Map<String, String> result = new java.util.HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            result.put(users.get(i), via.get(i));
        }
        return result;
    }
}
