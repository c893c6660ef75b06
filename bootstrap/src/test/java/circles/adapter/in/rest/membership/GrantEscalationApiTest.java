package circles.adapter.in.rest.membership;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Climbing a group's role ladder from inside, replayed over HTTP: every attempt is refused and changes nothing.
 */
@QuarkusTest
class GrantEscalationApiTest {

    private static final String MEMBER = "/v1/groups/{groupId}/members/{userId}";
    private static final String MEMBERS = "/v1/groups/{groupId}/members";

    @Test
    void a_moderator_gives_himself_no_extra_permission_and_so_cannot_edit_the_settings() {
        TestOrg org = TestOrg.create();
        String moderator = org.member();
        String group = org.group("organization");
        org.addToGroup(group, moderator, "moderator");

        RestApi.as(moderator).contentType(MERGE_PATCH).body(Map.of("permissions", List.of("manage_settings")))
                .patch(MEMBER, group, moderator)
                .then().statusCode(403).contentType(RestApi.PROBLEM);
        RestApi.as(moderator).contentType(MERGE_PATCH).body(Map.of("description", "taken over"))
                .patch("/v1/groups/{groupId}", group)
                .then().statusCode(403);

        RestApi.as(org.admin).get(MEMBER, group, moderator).then().statusCode(200)
                .body("permissions", equalTo(List.of()));
        RestApi.as(org.admin).get("/v1/groups/{groupId}", group).then().body("description", equalTo(null));
    }

    @Test
    void a_moderator_adds_no_member_holding_rights_he_may_not_hand_out() {
        TestOrg org = TestOrg.create();
        String moderator = org.member();
        String accomplice = org.member();
        String group = org.group("organization");
        org.addToGroup(group, moderator, "moderator");

        RestApi.as(moderator).contentType(JSON)
                .body(List.of(Map.of("userId", accomplice, "permissions", List.of("manage_members", "manage_settings"))))
                .post(MEMBERS, group)
                .then().statusCode(422).body("errors.field", hasItem("[0].permissions"));
        RestApi.as(moderator).contentType(JSON)
                .body(List.of(Map.of("userId", accomplice, "role", "moderator")))
                .post(MEMBERS, group)
                .then().statusCode(422).body("errors.field", hasItem("[0].role"));

        RestApi.as(org.admin).get(MEMBER, group, accomplice).then().statusCode(404);
    }

    @Test
    void an_invitee_adds_plain_members_only() {
        TestOrg org = TestOrg.create();
        String inviter = org.member();
        String invitee = org.member();
        String group = org.group("organization", Map.of("settings", Map.of("allowMemberInvites", true)));
        org.addToGroup(group, inviter, "member");

        RestApi.as(inviter).contentType(JSON)
                .body(List.of(Map.of("userId", invitee, "permissions", List.of("manage_settings"))))
                .post(MEMBERS, group)
                .then().statusCode(422).body("errors.field", hasItem("[0].permissions"));
        RestApi.as(org.admin).get(MEMBER, group, invitee).then().statusCode(404);

        RestApi.as(inviter).contentType(JSON).body(List.of(Map.of("userId", invitee)))
                .post(MEMBERS, group)
                .then().statusCode(201).body("items[0].permissions", equalTo(List.of()));
    }

    @Test
    void a_time_limited_moderator_can_neither_lift_nor_extend_his_own_end_date() {
        TestOrg org = TestOrg.create();
        String moderator = org.member();
        String group = org.group("organization");
        RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", moderator, "role", "moderator", "validUntil", "2099-01-01T00:00:00Z")))
                .post(MEMBERS, group).then().statusCode(201);

        RestApi.as(moderator).contentType(MERGE_PATCH).body(java.util.Collections.singletonMap("validUntil", null))
                .patch(MEMBER, group, moderator)
                .then().statusCode(403);
        RestApi.as(moderator).contentType(MERGE_PATCH).body(Map.of("validUntil", "2199-01-01T00:00:00Z"))
                .patch(MEMBER, group, moderator)
                .then().statusCode(403);
        RestApi.as(moderator).contentType(MERGE_PATCH).body(Map.of("role", "admin"))
                .patch(MEMBER, group, moderator)
                .then().statusCode(403);

        RestApi.as(org.admin).get(MEMBER, group, moderator).then()
                .body("validUntil", equalTo("2099-01-01T00:00:00Z")).body("role", equalTo("moderator"));
    }

    @Test
    void group_admins_do_not_remove_or_demote_each_other_but_an_owner_and_org_admins_do() {
        TestOrg org = TestOrg.create();
        String first = org.member();
        String second = org.member();
        String group = org.group("organization");
        org.addToGroup(group, first, "admin");
        org.addToGroup(group, second, "admin");

        RestApi.as(first).delete(MEMBER, group, second).then().statusCode(403);
        RestApi.as(first).contentType(MERGE_PATCH).body(Map.of("role", "member"))
                .patch(MEMBER, group, second).then().statusCode(403);
        RestApi.as(org.admin).get(MEMBER, group, second).then().body("role", equalTo("admin"));

        RestApi.as(org.admin).delete(MEMBER, group, second).then().statusCode(204);
    }

    @Test
    void a_group_admin_grants_up_to_admin_and_the_permissions_he_holds() {
        TestOrg org = TestOrg.create();
        String admin = org.member();
        String helper = org.member();
        String group = org.group("organization");
        org.addToGroup(group, admin, "admin");
        org.addToGroup(group, helper, "member");

        RestApi.as(admin).contentType(MERGE_PATCH).body(Map.of("role", "owner"))
                .patch(MEMBER, group, helper).then().statusCode(422).body("errors[0].field", equalTo("role"));
        RestApi.as(admin).contentType(MERGE_PATCH).body(Map.of("permissions", List.of("send_notifications")))
                .patch(MEMBER, group, helper).then().statusCode(200)
                .body("permissions", equalTo(List.of("send_notifications")));
    }

    @Test
    void a_suspended_member_no_longer_sees_the_private_group_or_its_members_but_may_leave_it() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("private");
        org.addToGroup(group, member, "moderator");
        RestApi.as(member).get(MEMBERS, group).then().statusCode(200);

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "suspended"))
                .patch(MEMBER, group, member).then().statusCode(200);

        RestApi.as(member).get("/v1/groups/{groupId}", group).then().statusCode(404);
        RestApi.as(member).get(MEMBERS, group).then().statusCode(404);
        RestApi.as(member).contentType(MERGE_PATCH).body(Map.of("status", "active"))
                .patch(MEMBER, group, member).then().statusCode(404);
        RestApi.as(org.admin).get(MEMBER, group, member).then().body("status", equalTo("suspended"));

        RestApi.as(member).post("/v1/groups/{groupId}/leave", group).then().statusCode(204);
        RestApi.as(org.admin).get(MEMBER, group, member).then().statusCode(404);
    }
}
