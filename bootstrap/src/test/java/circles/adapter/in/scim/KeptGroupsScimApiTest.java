package circles.adapter.in.scim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's kept list of groups (docs/caches.md) follows the changes an identity provider makes over SCIM: a group
 * joined, renamed, left, and the user deactivated, each seen on the next read of the user's own list and of the
 * org admin's view of it.
 */
@QuarkusTest
class KeptGroupsScimApiTest {

    @Test
    void changes_made_over_scim_show_at_once_in_the_kept_lists() {
        ScimOrg org = ScimOrg.create();
        String subject = "kept-" + ScimOrg.unique();
        org.scim().body(ScimOrg.user(subject, subject, "Kept", "Member", subject + "@example.com", "eng", null))
                .post("/scim/v2/Users").then().statusCode(201);
        String other = "other-" + ScimOrg.unique();
        org.scim().body(ScimOrg.user(other, other, "Other", "Member", other + "@example.com", "eng", null))
                .post("/scim/v2/Users").then().statusCode(201);
        String group = org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Kept %s",
                 "members": [{"value": "%s"}]}""".formatted(subject, other))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        assertThat(mine(subject)).doesNotContain(group);
        assertThat(mine(subject)).doesNotContain(group);
        assertThat(theirs(org, subject)).doesNotContain(group);
        assertThat(theirs(org, subject)).doesNotContain(group);

        org.scim().body(ScimOrg.patch("""
                [{"op": "Add", "path": "members", "value": [{"value": "%s"}]}]""".formatted(subject)))
                .patch("/scim/v2/Groups/{id}", group).then().statusCode(204);
        assertThat(mine(subject)).contains(group);
        assertThat(theirs(org, subject)).contains(group);

        org.scim().body(ScimOrg.patch("""
                [{"op": "Replace", "path": "displayName", "value": "Renamed %s"}]""".formatted(subject)))
                .patch("/scim/v2/Groups/{id}", group).then().statusCode(204);
        assertThat(names(subject)).contains("Renamed " + subject);

        org.scim().body(ScimOrg.patch("""
                [{"op": "Remove", "path": "members[value eq \\"%s\\"]"}]""".formatted(subject)))
                .patch("/scim/v2/Groups/{id}", group).then().statusCode(204);
        assertThat(mine(subject)).doesNotContain(group);
        assertThat(theirs(org, subject)).doesNotContain(group);
    }

    private static List<String> mine(String subject) {
        return given().header("Authorization", "Bearer " + TestTokens.forUser(subject)).queryParam("limit", 500)
                .get("/v1/me/groups").then().statusCode(200).extract().jsonPath().getList("items.group.id");
    }

    private static List<String> names(String subject) {
        return given().header("Authorization", "Bearer " + TestTokens.forUser(subject)).queryParam("limit", 500)
                .get("/v1/me/groups").then().statusCode(200).extract().jsonPath().getList("items.group.name");
    }

    private static List<String> theirs(ScimOrg org, String subject) {
        return ScimOrg.asAdmin(org.admin).queryParam("limit", 500)
                .get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, subject).then().statusCode(200)
                .extract().jsonPath().getList("items.group.id");
    }
}
