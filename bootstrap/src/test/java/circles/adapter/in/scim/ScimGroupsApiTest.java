package circles.adapter.in.scim;

import static circles.adapter.in.scim.ScimOrg.ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SCIM Groups over HTTP: the org's static groups, Entra-style member PATCHes, concurrency, versions. */
@QuarkusTest
class ScimGroupsApiTest {

    private static List<String> users(ScimOrg org, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String subject = "m" + i + "-" + ScimOrg.unique();
            org.scim().body(ScimOrg.user(subject, subject, "M" + i, "Member", subject + "@example.com", "eng", null))
                    .post("/scim/v2/Users").then().statusCode(201);
            ids.add(subject);
        }
        return ids;
    }

    private static String group(ScimOrg org, String name, List<String> members) {
        String list = String.join(", ", members.stream().map(id -> "{\"value\": \"" + id + "\"}").toList());
        return org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "%s",
                 "externalId": "ext-%s", "members": [%s]}""".formatted(name, name, list))
                .post("/scim/v2/Groups").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private static List<String> memberIds(ScimOrg org, String groupId) {
        return org.scim().get("/scim/v2/Groups/{id}", groupId).then().statusCode(200).extract().jsonPath()
                .getList("members.value", String.class);
    }

    @Test
    void a_created_group_is_a_static_private_group_of_the_org_with_its_members() {
        ScimOrg org = ScimOrg.create();
        List<String> people = users(org, 2);
        String name = "Team " + ScimOrg.unique();

        String id = group(org, name, people);

        org.scim().get("/scim/v2/Groups/{id}", id).then().statusCode(200)
                .body("displayName", equalTo(name))
                .body("externalId", equalTo("ext-" + name))
                .body("members.value", hasItem(people.get(0)))
                .body("members.find { it.value == '" + people.get(1) + "' }.display", equalTo("M1 Member"))
                .body("meta.resourceType", equalTo("Group"));
        ScimOrg.asAdmin(org.admin).get("/v1/groups/{groupId}", id).then().statusCode(200)
                .body("orgId", equalTo(org.id)).body("kind", equalTo("static"))
                .body("visibility", equalTo("private")).body("name", equalTo(name));
        List<String> direct = ScimOrg.asAdmin(org.admin).get("/v1/groups/{groupId}/members", id).then()
                .statusCode(200).extract().jsonPath().getList("items.userId", String.class);
        assertThat(direct).containsExactlyInAnyOrderElementsOf(people);
    }

    @Test
    void entra_style_member_patches_add_and_remove_members_and_rename() {
        ScimOrg org = ScimOrg.create();
        List<String> people = users(org, 4);
        String id = group(org, "Sales " + ScimOrg.unique(), List.of(people.get(0)));
        String before = org.scim().get("/scim/v2/Groups/{id}", id).header("ETag");

        Response added = org.scim().body(ScimOrg.patch("""
                [{"op": "Add", "path": "members", "value": [{"value": "%s"}, {"value": "%s"}, {"value": "%s"}]}]"""
                .formatted(people.get(1), people.get(2), people.get(3)))).patch("/scim/v2/Groups/{id}", id);
        added.then().statusCode(204);
        assertThat(added.header("ETag")).isNotEqualTo(before);
        assertThat(memberIds(org, id)).containsExactlyInAnyOrderElementsOf(people);

        org.scim().body(ScimOrg.patch("""
                [{"op": "Remove", "path": "members[value eq \\"%s\\"]"},
                 {"op": "Remove", "path": "members", "value": [{"value": "%s"}]},
                 {"op": "Replace", "path": "displayName", "value": "Renamed"}]"""
                .formatted(people.get(1), people.get(2)))).patch("/scim/v2/Groups/{id}", id)
                .then().statusCode(204);
        assertThat(memberIds(org, id)).containsExactlyInAnyOrder(people.get(0), people.get(3));
        org.scim().queryParam("filter", "displayName eq \"renamed\"").queryParam("excludedAttributes", "members")
                .get("/scim/v2/Groups").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id))
                .body("Resources[0].members", nullValue());
        // Entra checks membership with a filter on the group's members.
        org.scim().queryParam("filter", "id eq \"" + id + "\" and members[value eq \"" + people.get(3) + "\"]")
                .queryParam("excludedAttributes", "members").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(1));
        org.scim().queryParam("filter", "id eq \"" + id + "\" and members[value eq \"" + people.get(1) + "\"]")
                .get("/scim/v2/Groups").then().body("totalResults", equalTo(0));

        // Replacing the members sets exactly the given ones; attributes ask for the group in the answer.
        org.scim().queryParam("attributes", "members")
                .body(ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"members\", \"value\": [{\"value\": \"%s\"}]}]"
                        .formatted(people.get(2)))).patch("/scim/v2/Groups/{id}", id)
                .then().statusCode(200).body("members.value", equalTo(List.of(people.get(2))));
        // Removing every member.
        org.scim().body(ScimOrg.patch("[{\"op\": \"remove\", \"path\": \"members\"}]")).patch("/scim/v2/Groups/{id}", id)
                .then().statusCode(204);
        assertThat(memberIds(org, id)).isEmpty();
    }

    @Test
    void twenty_concurrent_member_patches_to_one_group_all_land() throws Exception {
        ScimOrg org = ScimOrg.create();
        List<String> people = users(org, 20);
        String id = group(org, "Crowd " + ScimOrg.unique(), List.of());

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> patches = people.stream().<Callable<Integer>>map(person -> () -> org.scim()
                    .body(ScimOrg.patch("[{\"op\": \"Add\", \"path\": \"members\", \"value\": [{\"value\": \"%s\"}]}]"
                            .formatted(person)))
                    .patch("/scim/v2/Groups/{id}", id).statusCode()).toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(patches, 60, TimeUnit.SECONDS)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(204);
        } finally {
            pool.shutdownNow();
        }

        assertThat(memberIds(org, id)).containsExactlyInAnyOrderElementsOf(people);
    }

    @Test
    void versions_errors_and_delete() {
        ScimOrg org = ScimOrg.create();
        List<String> people = users(org, 1);
        String name = "Ops " + ScimOrg.unique();
        String id = group(org, name, List.of());
        String etag = org.scim().get("/scim/v2/Groups/{id}", id).header("ETag");

        org.scim().body(ScimOrg.patch("[{\"op\": \"add\", \"path\": \"members\", \"value\": [{\"value\": \"%s\"}]}]"
                .formatted(people.get(0)))).header("If-Match", etag).patch("/scim/v2/Groups/{id}", id)
                .then().statusCode(204);
        org.scim().body(ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"x\"}]"))
                .header("If-Match", etag).patch("/scim/v2/Groups/{id}", id)
                .then().statusCode(412).body("schemas", hasItem(ERROR));

        org.scim().body(ScimOrg.patch("[{\"op\": \"add\", \"path\": \"members\", \"value\": [{\"value\": \"stranger\"}]}]"))
                .patch("/scim/v2/Groups/{id}", id).then().statusCode(400).body("scimType", equalTo("invalidValue"));
        org.scim().body(ScimOrg.patch("[{\"op\": \"add\", \"path\": \"owners\", \"value\": \"x\"}]"))
                .patch("/scim/v2/Groups/{id}", id).then().statusCode(400).body("scimType", equalTo("invalidPath"));
        org.scim().body(ScimOrg.patch("[{\"op\": \"remove\", \"path\": \"members[display eq \\\"x\\\"]\"}]"))
                .patch("/scim/v2/Groups/{id}", id).then().statusCode(400).body("scimType", equalTo("invalidFilter"));
        org.scim().body("{\"displayName\": \"" + name + "\"}").post("/scim/v2/Groups").then().statusCode(409)
                .body("scimType", equalTo("uniqueness"));
        ScimOrg.create().scim().get("/scim/v2/Groups/{id}", id).then().statusCode(404);

        org.scim().delete("/scim/v2/Groups/{id}", id).then().statusCode(204);
        org.scim().get("/scim/v2/Groups/{id}", id).then().statusCode(404).body("schemas", hasItem(ERROR));
        ScimOrg.asAdmin(org.admin).get("/v1/groups/{groupId}", id).then().statusCode(404);
    }
}
