package circles.adapter.in.rest.member;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.RecordingDirectoryEventConsumer;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profile of an org member: merge patches with If-Match, who may change what, managers, change events. */
@QuarkusTest
class OrgMemberProfileApiTest {
    private static final String MEMBER = "/v1/orgs/{orgId}/members/{userId}";

    @Inject
    RecordingDirectoryEventConsumer consumer;

    private static Response patch(String caller, TestOrg org, String userId, Object body) {
        return RestApi.as(caller).contentType(MERGE_PATCH).body(body).patch(MEMBER, org.id, userId);
    }

    private static Response sloppyPatch(String caller, TestOrg org, String userId, Object body) {
        return RestApi.sloppy(caller).contentType(MERGE_PATCH).body(body).patch(MEMBER, org.id, userId);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void an_admin_sets_the_whole_profile_with_if_match_and_reads_it_back() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String etag = RestApi.as(org.admin).get(MEMBER, org.id, bob).header("ETag");

        Response changed = RestApi.as(org.admin).contentType(MERGE_PATCH).header("If-Match", etag)
                .body(body("email", "bob@acme.example", "displayName", "Bob Baker", "department", "backend",
                        "location", "berlin", "jobTitle", "senior-engineer", "managerId", org.admin,
                        "orgUnitPath", "/engineering/backend", "employeeType", "full_time", "costCenter", "cc-100",
                        "userType", "staff", "customAttributes", Map.of("shirtSize", "L", "desk", "4.12"),
                        "lastLoginAt", "2026-02-02T08:00:00Z"))
                .patch(MEMBER, org.id, bob);

        changed.then().statusCode(200)
                .body("department", equalTo("backend"))
                .body("managerId", equalTo(org.admin))
                .body("customAttributes.shirtSize", equalTo("L"))
                .body("lastLoginAt", equalTo("2026-02-02T08:00:00Z"));
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        RestApi.as(bob).get(MEMBER, org.id, bob).then().statusCode(200)
                .body("jobTitle", equalTo("senior-engineer"))
                .body("orgUnitPath", equalTo("/engineering/backend"))
                .body("userType", equalTo("staff"));
        RestApi.as(org.admin).contentType(MERGE_PATCH).header("If-Match", etag).body(body("department", "sales"))
                .patch(MEMBER, org.id, bob).then().statusCode(412);
    }

    @Test
    void null_clears_a_field_and_custom_attributes_merge_key_by_key() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        patch(org.admin, org, bob, body("location", "berlin", "department", "backend",
                "customAttributes", Map.of("shirtSize", "L", "desk", "4"))).then().statusCode(200);

        Map<String, Object> attributes = new HashMap<>();
        attributes.put("desk", null);
        attributes.put("team", "core");
        patch(org.admin, org, bob, body("location", null, "customAttributes", attributes)).then().statusCode(200)
                .body("location", nullValue())
                .body("department", equalTo("backend"))
                .body("customAttributes", equalTo(Map.of("shirtSize", "L", "team", "core")));

        patch(org.admin, org, bob, body("customAttributes", null)).then().statusCode(200)
                .body("customAttributes", equalTo(Map.of()));
    }

    @Test
    void custom_attributes_are_bounded_in_count_key_and_value_size() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("key" + i, "v");
        }

        sloppyPatch(org.admin, org, bob, body("customAttributes", many)).then().statusCode(422)
                .body("errors.field", hasItem("customAttributes"));
        sloppyPatch(org.admin, org, bob, body("customAttributes", Map.of("not a key!", "v"))).then().statusCode(422)
                .body("errors.field", hasItem("customAttributes"));
        sloppyPatch(org.admin, org, bob, body("customAttributes", Map.of("bio", "x".repeat(1025))))
                .then().statusCode(422).body("errors.field", hasItem("customAttributes.bio"));
        sloppyPatch(org.admin, org, bob, body("customAttributes", Map.of("age", 42))).then().statusCode(400)
                .body("errors.field", hasItem("customAttributes.age"));
        RestApi.as(org.admin).get(MEMBER, org.id, bob).then().body("customAttributes", equalTo(Map.of()));
    }

    @Test
    void profile_values_follow_their_formats() {
        TestOrg org = TestOrg.create();
        String bob = org.member();

        sloppyPatch(org.admin, org, bob, body("email", "not-an-email")).then().statusCode(422)
                .body("errors.field", hasItem("email"));
        sloppyPatch(org.admin, org, bob, body("userType", "robot")).then().statusCode(422)
                .body("errors.field", hasItem("userType"));
        sloppyPatch(org.admin, org, bob, body("orgUnitPath", "engineering")).then().statusCode(422)
                .body("errors.field", hasItem("orgUnitPath"));
        sloppyPatch(org.admin, org, bob, body("lastLoginAt", "yesterday")).then().statusCode(400);
        patch(org.admin, org, bob, body("department", "Engneering")).then().statusCode(200)
                .body("department", equalTo("Engneering"));
    }

    @Test
    void the_manager_is_another_member_of_the_org_and_cycles_are_refused() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String bob = org.member();
        String cy = org.member();
        patch(org.admin, org, bob, body("managerId", org.admin)).then().statusCode(200);
        patch(org.admin, org, cy, body("managerId", bob)).then().statusCode(200);

        patch(org.admin, org, org.admin, body("managerId", cy)).then().statusCode(422)
                .body("type", equalTo("https://circles.dev/problems/manager-cycle"))
                .body("errors.field", hasItem("managerId"));
        patch(org.admin, org, bob, body("managerId", bob)).then().statusCode(422)
                .body("errors.field", hasItem("managerId"));
        patch(org.admin, org, bob, body("managerId", other.admin)).then().statusCode(422)
                .body("errors.field", hasItem("managerId"));
        patch(org.admin, org, bob, body("managerId", null)).then().statusCode(200).body("managerId", nullValue());
        patch(org.admin, org, org.admin, body("managerId", cy)).then().statusCode(200);
    }

    @Test
    void a_member_changes_their_own_display_name_and_nothing_else() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String cy = org.member();

        patch(bob, org, bob, body("displayName", "Bobby")).then().statusCode(200)
                .body("displayName", equalTo("Bobby"));
        patch(bob, org, bob, body("department", "sales")).then().statusCode(403);
        patch(bob, org, bob, body("displayName", "Bob", "customAttributes", Map.of("a", "b"))).then().statusCode(403);
        patch(bob, org, cy, body("displayName", "Not Cy")).then().statusCode(403);
        RestApi.as(bob).get(MEMBER, org.id, bob).then().body("displayName", equalTo("Bobby"))
                .body("department", nullValue());
    }

    @Test
    void a_new_member_may_come_with_the_whole_profile() {
        TestOrg org = TestOrg.create();
        String bob = Ids.user("bob");

        RestApi.as(org.admin).contentType(JSON)
                .body(body("userId", bob, "role", "member", "email", "bob@acme.example", "department", "backend",
                        "managerId", org.admin, "customAttributes", Map.of("shirtSize", "L")))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201)
                .body("department", equalTo("backend"))
                .body("managerId", equalTo(org.admin))
                .body("customAttributes.shirtSize", equalTo("L"));
        RestApi.as(org.admin).contentType(JSON)
                .body(body("userId", Ids.user("cy"), "managerId", "nobody-" + bob))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(422).body("errors.field", hasItem("managerId"));
    }

    @Test
    void every_change_reaches_the_event_consumers_after_commit_with_the_changed_fields() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        UserId bobId = UserId.of(bob);
        assertThat(eventually(Duration.ofSeconds(10), () -> consumer.changesOf(bobId).size() == 1))
                .as("the arrival of %s", bob).isTrue();

        patch(org.admin, org, bob, body("department", "backend", "customAttributes", Map.of("team", "core")))
                .then().statusCode(200);
        RestApi.as(org.admin).delete(MEMBER, org.id, bob).then().statusCode(204);

        assertThat(eventually(Duration.ofSeconds(10), () -> consumer.changesOf(bobId).size() == 3)).isTrue();
        List<MemberChanged> changes = consumer.changesOf(bobId);
        assertThat(changes.get(0).before()).isNull();
        MemberChanged update = changes.get(1);
        assertThat(update.changedFields()).containsExactlyInAnyOrder("department", "customAttributes.team");
        assertThat(update.before().profile().department()).isNull();
        assertThat(update.after().profile().department()).isEqualTo("backend");
        assertThat(changes.get(2).after()).isNull();
    }
}
