package circles.adapter.in.scim;

import static circles.adapter.in.scim.ScimOrg.ERROR;
import static circles.adapter.in.scim.ScimOrg.SCIM_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import circles.application.port.in.provisioning.AuthenticateScimTokenUseCase;
import circles.application.port.in.provisioning.DeprovisionUserUseCase;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.6 read literally: after a DELETE every operation on the resource answers 404, queries no longer return
 * it, and it takes no part in uniqueness; Circles keeps a deleted user as a deactivated member (the default mode),
 * whom the provider brings back by creating it again with the same externalId. The {@code delete} mode, which the
 * suite's shared configuration does not select, is run through the same use case the endpoint calls.
 */
@QuarkusTest
class ScimDeletionApiTest {

    @Inject
    AuthenticateScimTokenUseCase authenticate;
    @Inject
    DeprovisionUserUseCase deprovision;

    private static String subject(String prefix) {
        return prefix + "-" + ScimOrg.unique();
    }

    private static String body(String subject, String userName) {
        return ScimOrg.user(subject, userName, "Ana", "Lima", subject + "@example.com", "engineering", null);
    }

    /** A user created over SCIM with the userName {@code <subject>@example.com}. */
    private static String created(ScimOrg org, String prefix) {
        String subject = subject(prefix);
        org.scim().body(body(subject, subject + "@example.com")).post("/scim/v2/Users").then().statusCode(201);
        return subject;
    }

    private static void deleted(ScimOrg org, String id) {
        org.scim().delete("/scim/v2/Users/{id}", id).then().statusCode(204);
    }

    private static void notFound(ValidatableResponse answer) {
        answer.statusCode(404).contentType(startsWith(SCIM_JSON)).body("schemas", hasItem(ERROR))
                .body("status", equalTo("404"));
    }

    private static List<String> ids(ValidatableResponse list) {
        return list.statusCode(200).extract().jsonPath().getList("Resources.id", String.class);
    }

    /** The summaries of the audit events about the member with this action and {@code provisioning} value. */
    private static List<Map<String, Object>> audited(ScimOrg org, String userId, String action, String provisioning) {
        List<Map<String, Object>> summaries = ScimOrg.asAdmin(org.admin).queryParam("targetId", userId)
                .queryParam("action", action).get("/v1/orgs/{orgId}/audit-events", org.id).then().statusCode(200)
                .extract().jsonPath().getList("items.summary");
        return summaries.stream().filter(summary -> provisioning.equals(summary.get("provisioning"))).toList();
    }

    @Test
    void a_deleted_user_answers_404_to_get() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");

        deleted(org, ana);

        notFound(org.scim().get("/scim/v2/Users/{id}", ana).then());
    }

    @Test
    void a_second_delete_of_a_user_answers_404() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        deleted(org, ana);

        notFound(org.scim().delete("/scim/v2/Users/{id}", ana).then());
    }

    @Test
    void put_and_patch_of_a_deleted_user_answer_404_and_change_nothing() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        deleted(org, ana);

        notFound(org.scim().body(body(ana, ana + "@example.com")).put("/scim/v2/Users/{id}", ana).then());
        notFound(org.scim().body(ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"active\", \"value\": true}]"))
                .patch("/scim/v2/Users/{id}", ana).then());

        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then().statusCode(200)
                .body("status", equalTo("deactivated"));
    }

    @Test
    void a_deleted_user_is_absent_from_lists_searches_and_filters() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        String leo = created(org, "leo");
        deleted(org, ana);

        assertThat(ids(org.scim().queryParam("count", "1000").get("/scim/v2/Users").then()))
                .contains(leo, org.admin).doesNotContain(ana);
        for (String filter : List.of("id eq \"" + ana + "\"", "externalId eq \"" + ana + "\"",
                "userName eq \"" + ana.toUpperCase() + "@EXAMPLE.COM\"", "userName sw \"" + ana + "\"",
                "active eq false", "not (active eq true)")) {
            org.scim().queryParam("filter", filter).get("/scim/v2/Users").then().statusCode(200)
                    .body("totalResults", equalTo(0));
            org.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                    "filter", filter)).post("/scim/v2/Users/.search").then().statusCode(200)
                    .body("totalResults", equalTo(0));
        }
        assertThat(ids(org.scim().queryParam("filter", "userName sw \"leo-\"").get("/scim/v2/Users").then()))
                .containsExactly(leo);
    }

    @Test
    void the_user_name_of_a_deleted_user_is_free_for_a_new_user() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        deleted(org, ana);
        String successor = subject("successor");

        org.scim().body(body(successor, ana.toUpperCase() + "@example.com")).post("/scim/v2/Users").then()
                .statusCode(201).body("id", equalTo(successor)).body("userName", equalTo(ana.toUpperCase()
                        + "@example.com"));

        assertThat(ids(org.scim().queryParam("filter", "userName eq \"" + ana + "@example.com\"")
                .get("/scim/v2/Users").then())).containsExactly(successor);
        notFound(org.scim().get("/scim/v2/Users/{id}", ana).then());
    }

    @Test
    void inside_circles_a_deleted_user_stays_a_deactivated_member_with_its_groups_and_the_deletion_is_audited() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        String group = org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Team %s",
                 "members": [{"value": "%s"}]}""".formatted(ana, ana)).post("/scim/v2/Groups").then()
                .statusCode(201).extract().path("id");

        deleted(org, ana);

        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then().statusCode(200)
                .body("status", equalTo("deactivated")).body("department", equalTo("engineering"));
        assertThat(ScimOrg.asAdmin(org.admin).get("/v1/groups/{groupId}/members", group).then().statusCode(200)
                .extract().jsonPath().getList("items.userId", String.class)).containsExactly(ana);
        assertThat(audited(org, ana, "org_member.updated", "deleted")).singleElement()
                .satisfies(summary -> assertThat(summary).containsEntry("source", "scim")
                        .containsEntry("status", Map.of("from", "active", "to", "deactivated")));
    }

    @Test
    void a_deleted_user_is_no_group_member_for_the_provider_which_cannot_add_it_back_to_a_group() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        String leo = created(org, "leo");
        String group = org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Team %s",
                 "members": [{"value": "%s"}, {"value": "%s"}]}""".formatted(ana, ana, leo))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        deleted(org, ana);

        org.scim().get("/scim/v2/Groups/{id}", group).then().statusCode(200).body("members.value",
                equalTo(List.of(leo)));
        org.scim().body(ScimOrg.patch("[{\"op\": \"add\", \"path\": \"members\", \"value\": [{\"value\": \"" + ana
                + "\"}]}]")).patch("/scim/v2/Groups/{id}", group).then().statusCode(400)
                .body("schemas", hasItem(ERROR));
        org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Team %s",
                 "members": [{"value": "%s"}]}""".formatted(ana, leo)).put("/scim/v2/Groups/{id}", group)
                .then().statusCode(200);

        // The provider's PUT replaced the members it sees; the member Circles kept is still in the group.
        assertThat(ScimOrg.asAdmin(org.admin).get("/v1/groups/{groupId}/members", group).then().statusCode(200)
                .extract().jsonPath().getList("items.userId", String.class)).containsExactlyInAnyOrder(ana, leo);
    }

    @Test
    void creating_a_deleted_user_again_with_its_external_id_brings_the_same_member_back() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        String joinedAt = ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana)
                .then().extract().path("joinedAt");
        deleted(org, ana);

        org.scim().body(ScimOrg.user(ana, "ana.again-" + ana + "@example.com", "Ana", "Again",
                        ana + "@example.org", "sales", null)).post("/scim/v2/Users").then().statusCode(201)
                .body("id", equalTo(ana)).body("active", equalTo(true))
                .body("userName", equalTo("ana.again-" + ana + "@example.com"));

        org.scim().get("/scim/v2/Users/{id}", ana).then().statusCode(200).body("displayName", equalTo("Ana Again"));
        assertThat(ids(org.scim().queryParam("filter", "externalId eq \"" + ana + "\"").get("/scim/v2/Users")
                .then())).containsExactly(ana);
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then().statusCode(200)
                .body("status", equalTo("active")).body("department", equalTo("sales"))
                .body("joinedAt", equalTo(joinedAt));
        assertThat(audited(org, ana, "org_member.updated", "restored")).singleElement()
                .satisfies(summary -> assertThat(summary).containsEntry("source", "scim")
                        .extractingByKey("changedFields").asList().contains("status", "department"));
        org.scim().body(body(ana, "third-" + ana + "@example.com")).post("/scim/v2/Users").then().statusCode(409)
                .body("scimType", equalTo("uniqueness"));
    }

    @Test
    void an_entra_style_soft_delete_keeps_the_user_visible_and_the_hard_delete_after_it_removes_it() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");

        org.scim().body(ScimOrg.patch("[{\"op\": \"Replace\", \"path\": \"active\", \"value\": \"False\"}]"))
                .patch("/scim/v2/Users/{id}", ana).then().statusCode(200).body("active", equalTo(false));
        org.scim().get("/scim/v2/Users/{id}", ana).then().statusCode(200).body("active", equalTo(false));
        deleted(org, ana);

        notFound(org.scim().get("/scim/v2/Users/{id}", ana).then());
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then().statusCode(200)
                .body("status", equalTo("deactivated"));
        assertThat(audited(org, ana, "org_member.updated", "deleted")).singleElement()
                .satisfies(summary -> assertThat(summary).doesNotContainKey("status"));
    }

    @Test
    void a_deleted_user_whose_user_name_was_taken_meanwhile_cannot_come_back_under_it_and_stays_deleted() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        deleted(org, ana);
        String successor = subject("successor");
        org.scim().body(body(successor, ana + "@example.com")).post("/scim/v2/Users").then().statusCode(201);

        org.scim().body(body(ana, ana + "@example.com")).post("/scim/v2/Users").then().statusCode(409)
                .body("scimType", equalTo("uniqueness"));

        notFound(org.scim().get("/scim/v2/Users/{id}", ana).then());
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then()
                .body("status", equalTo("deactivated"));
        org.scim().body(body(ana, "ana.other-" + ana + "@example.com")).post("/scim/v2/Users").then()
                .statusCode(201).body("id", equalTo(ana));
    }

    @Test
    void a_member_added_through_the_api_and_deleted_by_the_provider_is_gone_for_it_and_comes_back_when_created() {
        ScimOrg org = ScimOrg.create();
        String bob = subject("bob");
        ScimOrg.asAdmin(org.admin).contentType("application/json").body(Map.of("userId", bob, "role", "member"))
                .post("/v1/orgs/{orgId}/members", org.id).then().statusCode(201);
        org.scim().get("/scim/v2/Users/{id}", bob).then().statusCode(200).body("userName", equalTo(bob));

        deleted(org, bob);

        notFound(org.scim().get("/scim/v2/Users/{id}", bob).then());
        org.scim().queryParam("filter", "userName eq \"" + bob + "\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));
        org.scim().body(body(bob, bob + "@example.com")).post("/scim/v2/Users").then().statusCode(201)
                .body("id", equalTo(bob)).body("active", equalTo(true));
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, bob).then()
                .body("status", equalTo("active"));
    }

    @Test
    void in_delete_mode_a_deleted_user_leaves_the_org_and_its_groups_and_comes_back_as_a_new_member() {
        ScimOrg org = ScimOrg.create();
        String ana = created(org, "ana");
        String group = org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Team %s",
                 "members": [{"value": "%s"}]}""".formatted(ana, ana)).post("/scim/v2/Groups").then()
                .statusCode(201).extract().path("id");

        deleteInDeleteMode(org, ana);

        notFound(org.scim().get("/scim/v2/Users/{id}", ana).then());
        notFound(org.scim().delete("/scim/v2/Users/{id}", ana).then());
        assertThat(ids(org.scim().queryParam("filter", "externalId eq \"" + ana + "\"").get("/scim/v2/Users")
                .then())).isEmpty();
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then().statusCode(404);
        assertThat(audited(org, ana, "org_member.removed", "deleted")).singleElement()
                .satisfies(summary -> assertThat(summary).containsEntry("removedFromGroups", List.of(group)));

        org.scim().body(body(ana, ana + "@example.com")).post("/scim/v2/Users").then().statusCode(201)
                .body("id", equalTo(ana)).body("active", equalTo(true));
        org.scim().get("/scim/v2/Groups/{id}", group).then().statusCode(200).body("members.value", not(hasItem(ana)));
    }

    @Test
    void a_deleted_group_answers_404_to_every_operation_and_is_not_listed() {
        ScimOrg org = ScimOrg.create();
        String name = "Team " + ScimOrg.unique();
        String group = org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "%s",
                 "externalId": "ext-%s"}""".formatted(name, name)).post("/scim/v2/Groups").then().statusCode(201)
                .extract().path("id");

        org.scim().delete("/scim/v2/Groups/{id}", group).then().statusCode(204);

        notFound(org.scim().get("/scim/v2/Groups/{id}", group).then());
        notFound(org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "%s"}"""
                .formatted(name)).put("/scim/v2/Groups/{id}", group).then());
        notFound(org.scim().body(ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"x\"}]"))
                .patch("/scim/v2/Groups/{id}", group).then());
        notFound(org.scim().delete("/scim/v2/Groups/{id}", group).then());
        assertThat(ids(org.scim().get("/scim/v2/Groups").then())).doesNotContain(group);
        for (String filter : List.of("id eq \"" + group + "\"", "displayName eq \"" + name + "\"",
                "externalId eq \"ext-" + name + "\"")) {
            org.scim().queryParam("filter", filter).get("/scim/v2/Groups").then().statusCode(200)
                    .body("totalResults", equalTo(0));
        }
        org.scim().body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "%s"}"""
                .formatted(name)).post("/scim/v2/Groups").then().statusCode(201);
    }

    /** What {@code DELETE /Users/{id}} does when {@code circles.scim.user-delete=delete}, as the org's provider. */
    private void deleteInDeleteMode(ScimOrg org, String userId) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            OrgId orgId = authenticate.authenticate(org.token).orElseThrow();
            deprovision.deprovision(orgId, new UserId(userId), DeprovisionUserUseCase.Mode.DELETE);
        } finally {
            request.terminate();
        }
    }
}
