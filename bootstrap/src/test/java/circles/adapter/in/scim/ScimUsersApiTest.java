package circles.adapter.in.scim;

import static circles.adapter.in.scim.ScimOrg.ENTERPRISE;
import static circles.adapter.in.scim.ScimOrg.ERROR;
import static circles.adapter.in.scim.ScimOrg.SCIM_JSON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SCIM Users over HTTP: mapping onto the org member profile, filters, PATCH, versions, errors and media types. */
@QuarkusTest
class ScimUsersApiTest {

    private static String subject(String prefix) {
        return prefix + "-" + ScimOrg.unique();
    }

    private static Response create(ScimOrg org, String subject, String department, String managerId) {
        return org.scim().body(ScimOrg.user(subject, subject + "@Example.com", "Ana", "Lima", subject + "@example.com",
                department, managerId)).post("/scim/v2/Users");
    }

    @Test
    void a_created_user_is_an_org_member_with_the_mapped_profile() {
        ScimOrg org = ScimOrg.create();
        String subject = subject("ana");

        Response created = create(org, subject, "engineering", null);

        created.then().statusCode(201)
                .contentType(startsWith(SCIM_JSON))
                .header("Location", containsString("/scim/v2/Users/" + subject))
                .header("ETag", startsWith("W/\""))
                .body("id", equalTo(subject))
                .body("externalId", equalTo(subject))
                .body("userName", equalTo(subject + "@Example.com"))
                .body("name.givenName", equalTo("Ana"))
                .body("displayName", equalTo("Ana Lima"))
                .body("active", equalTo(true))
                .body("phoneNumbers[0].value", equalTo("+1 555 0100"))
                .body("meta.resourceType", equalTo("User"))
                .body("meta.version", equalTo(created.header("ETag")));
        assertThat(created.jsonPath().getMap("'" + ENTERPRISE + "'")).containsEntry("department", "engineering")
                .containsEntry("costCenter", "cc-1").containsEntry("employeeNumber", "E-" + subject);

        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, subject).then().statusCode(200)
                .body("role", equalTo("member"))
                .body("status", equalTo("active"))
                .body("email", equalTo(subject + "@example.com"))
                .body("displayName", equalTo("Ana Lima"))
                .body("jobTitle", equalTo("Engineer"))
                .body("employeeType", equalTo("Employee"))
                .body("department", equalTo("engineering"))
                .body("costCenter", equalTo("cc-1"))
                .body("customAttributes.employeeNumber", equalTo("E-" + subject))
                .body("customAttributes.organization", equalTo("Acme"))
                .body("customAttributes.division", equalTo("R&D"));

        org.scim().get("/scim/v2/Users/{id}", subject).then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("emails[0].value", equalTo(subject + "@example.com"));
    }

    @Test
    void requests_without_a_valid_token_of_the_org_are_refused_with_scim_errors() {
        ScimOrg org = ScimOrg.create();
        ScimOrg other = ScimOrg.create();
        String subject = subject("bo");
        create(org, subject, "sales", null).then().statusCode(201);

        given().get("/scim/v2/Users").then().statusCode(401)
                .contentType(startsWith(SCIM_JSON))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("schemas", hasItem(ERROR)).body("status", equalTo("401"));
        given().header("Authorization", "Bearer scim_not-a-token").get("/scim/v2/Users").then().statusCode(401);
        // An OIDC token of the org's own admin is no SCIM token.
        ScimOrg.asAdmin(org.admin).get("/scim/v2/Users").then().statusCode(401);
        // Another org's token sees none of this org's users.
        other.scim().get("/scim/v2/Users/{id}", subject).then().statusCode(404).body("schemas", hasItem(ERROR));
        other.scim().queryParam("filter", "externalId eq \"" + subject + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));

        ScimOrg.asAdmin(org.admin).delete("/v1/orgs/{orgId}/scim-tokens/{tokenId}", org.id, org.tokenId)
                .then().statusCode(204);
        org.scim().get("/scim/v2/Users/{id}", subject).then().statusCode(401).body("schemas", hasItem(ERROR));
    }

    @Test
    void filters_select_sort_page_and_project() {
        ScimOrg org = ScimOrg.create();
        String a = subject("a");
        String b = subject("b");
        String c = subject("c");
        create(org, a, "engineering", null).then().statusCode(201);
        org.scim().body(ScimOrg.user(b, b + "@Example.com", "Bea", "Zed", b + "@example.org", "sales", null))
                .post("/scim/v2/Users").then().statusCode(201);
        org.scim().body(ScimOrg.user(c, c + "@Example.com", "Ana", "Cruz", c + "@example.org", "engineering", null))
                .post("/scim/v2/Users").then().statusCode(201);
        org.scim().body(ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"active\", \"value\": false}]"))
                .patch("/scim/v2/Users/{id}", c).then().statusCode(200).body("active", equalTo(false));

        org.scim().queryParam("filter", "userName eq \"" + a.toUpperCase() + "@EXAMPLE.COM\"").get("/scim/v2/Users")
                .then().statusCode(200)
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(a));

        // A filter with an and, an or and a not: a's work address ends with .com; b (and the org's admin) are
        // active; c is neither.
        Response complex = org.scim()
                .queryParam("filter", "emails[type eq \"work\" and value ew \".com\"] or not (active eq false)")
                .queryParam("sortBy", "userName").get("/scim/v2/Users");
        complex.then().statusCode(200);
        assertThat(complex.jsonPath().getList("Resources.id", String.class)).contains(a, b, org.admin)
                .doesNotContain(c);

        Response department = org.scim()
                .queryParam("filter", ENTERPRISE + ":department eq \"engineering\" and active eq true")
                .get("/scim/v2/Users");
        assertThat(department.jsonPath().getList("Resources.id", String.class)).containsExactly(a);

        Response paged = org.scim().queryParam("sortBy", "name.givenName").queryParam("sortOrder", "descending")
                .queryParam("startIndex", "2").queryParam("count", "1")
                .queryParam("attributes", "userName,name.givenName").get("/scim/v2/Users");
        paged.then().statusCode(200).body("totalResults", equalTo(4)).body("startIndex", equalTo(2))
                .body("itemsPerPage", equalTo(1));
        Map<String, Object> second = paged.jsonPath().getMap("Resources[0]");
        assertThat(second).containsKeys("id", "userName", "name").doesNotContainKeys("emails", "meta", "active");
        // Descending by given name: Bea (b), then Ana (a or c); the org admin has no name and sorts last.
        assertThat(second.get("id")).isIn(a, c);

        Response excluded = org.scim().queryParam("filter", "id eq \"" + b + "\"")
                .queryParam("excludedAttributes", "emails," + ENTERPRISE + ":department").get("/scim/v2/Users");
        Map<String, Object> onlyB = excluded.jsonPath().getMap("Resources[0]");
        assertThat(onlyB).doesNotContainKey("emails").containsKey("meta");
        assertThat(excluded.jsonPath().getMap("Resources[0].'" + ENTERPRISE + "'")).doesNotContainKey("department")
                .containsEntry("costCenter", "cc-1");

        org.scim().queryParam("filter", "userName eq").get("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter")).body("schemas", hasItem(ERROR));
        org.scim().queryParam("count", "many").get("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidValue"));
    }

    @Test
    void entra_style_patches_update_the_profile_and_the_status() {
        ScimOrg org = ScimOrg.create();
        String boss = subject("boss");
        String ana = subject("ana");
        create(org, boss, "engineering", null).then().statusCode(201);
        String before = create(org, ana, "engineering", null).then().statusCode(201).extract().header("ETag");

        Response patched = org.scim().body(ScimOrg.patch("""
                [{"op": "Add", "path": "%1$s:manager", "value": "%2$s"},
                 {"op": "Replace", "path": "emails[type eq \\"work\\"].value", "value": "ana.lima@example.com"},
                 {"op": "Replace", "path": "title", "value": "Staff Engineer"},
                 {"op": "Replace", "value": {"displayName": "Ana L.", "%1$s:costCenter": "cc-9"}}]"""
                .formatted(ENTERPRISE, boss))).patch("/scim/v2/Users/{id}", ana);

        patched.then().statusCode(200)
                .body("title", equalTo("Staff Engineer"))
                .body("displayName", equalTo("Ana L."));
        assertThat(patched.header("ETag")).isNotEqualTo(before);
        assertThat(patched.jsonPath().getString("'" + ENTERPRISE + "'.manager.value")).isEqualTo(boss);
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then().statusCode(200)
                .body("managerId", equalTo(boss))
                .body("email", equalTo("ana.lima@example.com"))
                .body("jobTitle", equalTo("Staff Engineer"))
                .body("costCenter", equalTo("cc-9"))
                .body("department", equalTo("engineering"));

        // Entra sends booleans as strings.
        org.scim().body(ScimOrg.patch("[{\"op\": \"Replace\", \"path\": \"active\", \"value\": \"False\"}]"))
                .patch("/scim/v2/Users/{id}", ana).then().statusCode(200).body("active", equalTo(false));
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then()
                .body("status", equalTo("deactivated"));

        // A manager cycle and an unknown manager are refused.
        org.scim().body(ScimOrg.patch("[{\"op\": \"Replace\", \"path\": \"%s:manager\", \"value\": \"%s\"}]"
                .formatted(ENTERPRISE, ana))).patch("/scim/v2/Users/{id}", boss)
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        org.scim().body(ScimOrg.patch("[{\"op\": \"Replace\", \"path\": \"%s:manager\", \"value\": \"nobody\"}]"
                .formatted(ENTERPRISE))).patch("/scim/v2/Users/{id}", boss)
                .then().statusCode(400).body("scimType", equalTo("invalidValue"));
        // The subject cannot change.
        org.scim().body(ScimOrg.patch("[{\"op\": \"Replace\", \"path\": \"externalId\", \"value\": \"someone-else\"}]"))
                .patch("/scim/v2/Users/{id}", ana).then().statusCode(400).body("scimType", equalTo("mutability"));
    }

    @Test
    void versions_guard_updates_and_delete_removes_the_user_from_scim_and_deactivates_the_member() {
        ScimOrg org = ScimOrg.create();
        String ana = subject("ana");
        String etag = create(org, ana, "engineering", null).then().statusCode(201).extract().header("ETag");
        String body = ScimOrg.user(ana, ana + "@example.com", "Ana", "Lima", ana + "@example.com", "sales", null);

        org.scim().header("If-None-Match", etag).get("/scim/v2/Users/{id}", ana).then().statusCode(304);
        String next = org.scim().header("If-Match", etag).body(body).put("/scim/v2/Users/{id}", ana)
                .then().statusCode(200).body("'" + ENTERPRISE + "'.department", equalTo("sales"))
                .extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        org.scim().header("If-Match", etag).body(body).put("/scim/v2/Users/{id}", ana)
                .then().statusCode(412).body("schemas", hasItem(ERROR));
        org.scim().header("If-Match", etag)
                .body(ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"title\", \"value\": \"x\"}]"))
                .patch("/scim/v2/Users/{id}", ana).then().statusCode(412);

        org.scim().delete("/scim/v2/Users/{id}", ana).then().statusCode(204);
        org.scim().get("/scim/v2/Users/{id}", ana).then().statusCode(404).body("status", equalTo("404"));
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then()
                .body("status", equalTo("deactivated"));
    }

    @Test
    void a_put_without_external_id_keeps_the_stored_one_and_replaces_the_rest() {
        ScimOrg org = ScimOrg.create();
        String ana = subject("ana");
        create(org, ana, "engineering", null).then().statusCode(201);
        String withoutExternalId = """
                {"schemas": ["%s"], "userName": "%s@example.com", "displayName": "Ana Replaced", "active": true}"""
                .formatted(ScimOrg.USER, ana);

        org.scim().body(withoutExternalId).put("/scim/v2/Users/{id}", ana).then().statusCode(200)
                .body("id", equalTo(ana)).body("externalId", equalTo(ana))
                .body("userName", equalTo(ana + "@example.com")).body("displayName", equalTo("Ana Replaced"))
                .body("title", equalTo(null)).body("phoneNumbers", equalTo(null));
        org.scim().body(withoutExternalId.replace("\"active\"", "\"externalId\": null, \"active\""))
                .put("/scim/v2/Users/{id}", ana).then().statusCode(200).body("externalId", equalTo(ana));

        org.scim().get("/scim/v2/Users/{id}", ana).then().statusCode(200).body("externalId", equalTo(ana));
        org.scim().queryParam("filter", "externalId eq \"" + ana + "\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(1));
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, ana).then()
                .body("displayName", equalTo("Ana Replaced")).body("jobTitle", equalTo(null));
    }

    @Test
    void conflicts_and_malformed_bodies_are_scim_errors_never_problem_documents() {
        ScimOrg org = ScimOrg.create();
        String ana = subject("ana");
        create(org, ana, "engineering", null).then().statusCode(201);

        create(org, ana, "engineering", null).then().statusCode(409).body("scimType", equalTo("uniqueness"));
        String sameUserName = ScimOrg.user(subject("other"), ana + "@EXAMPLE.com", "O", "T", "o@example.com", "x",
                null);
        org.scim().body(sameUserName).post("/scim/v2/Users").then().statusCode(409)
                .body("scimType", equalTo("uniqueness"));
        org.scim().body("{\"userName\": \"no-subject\"}").post("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidValue"));
        org.scim().body("{\"userName\": ").post("/scim/v2/Users").then().statusCode(400)
                .contentType(startsWith(SCIM_JSON)).body("scimType", equalTo("invalidSyntax"));
        org.scim().contentType("text/plain").body("hello").post("/scim/v2/Users").then().statusCode(415)
                .contentType(startsWith(SCIM_JSON)).body("schemas", hasItem(ERROR));
        org.scim().get("/scim/v2/Users/{id}", "nobody").then().statusCode(404).body("status", equalTo("404"));
        org.scim().get("/scim/v2/Nothing/here").then().statusCode(404).contentType(startsWith(SCIM_JSON))
                .body("schemas", hasItem(ERROR));
        org.scim().body("{}").put("/scim/v2/Users").then().statusCode(405).contentType(startsWith(SCIM_JSON))
                .body("schemas", hasItem(ERROR));
        org.scim().body("{}").post("/scim/v2/Users/{id}", ana).then().statusCode(405)
                .contentType(startsWith(SCIM_JSON));
    }

    @Test
    void bodies_are_read_in_the_charset_the_client_names_and_json_is_accepted_too() {
        ScimOrg org = ScimOrg.create();
        String subject = subject("zoe");
        String body = ScimOrg.user(subject, subject + "@example.com", "Zoë", "Ångström", subject + "@example.com",
                "R&D", null);

        org.scim().contentType("application/scim+json; charset=ISO-8859-1")
                .body(body.getBytes(StandardCharsets.ISO_8859_1)).post("/scim/v2/Users")
                .then().statusCode(201).body("displayName", equalTo("Zoë Ångström"));
        String other = subject("yan");
        given().header("Authorization", "Bearer " + org.token).contentType("application/json; charset=UTF-16")
                .accept("application/json")
                .body(ScimOrg.user(other, other, "Yan", "Ćwik", other + "@example.com", "x", null)
                        .getBytes(StandardCharsets.UTF_16))
                .post("/scim/v2/Users")
                .then().statusCode(201).contentType(startsWith("application/json")).body("name.familyName",
                        equalTo("Ćwik"));
    }

    @Test
    void discovery_describes_the_service() {
        ScimOrg org = ScimOrg.create();

        org.scim().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .body("patch.supported", equalTo(true)).body("filter.supported", equalTo(true))
                .body("etag.supported", equalTo(true)).body("sort.supported", equalTo(true))
                .body("bulk.supported", equalTo(false))
                .body("authenticationSchemes[0].type", equalTo("oauthbearertoken"));
        org.scim().get("/scim/v2/ResourceTypes").then().statusCode(200)
                .body("Resources.id", hasItem("User")).body("Resources.id", hasItem("Group"))
                .body("Resources.find { it.id == 'User' }.schemaExtensions[0].schema", equalTo(ENTERPRISE));
        Response schemas = org.scim().get("/scim/v2/Schemas");
        schemas.then().statusCode(200);
        assertThat(schemas.jsonPath().getList("Resources.id", String.class)).containsExactlyInAnyOrder(
                ScimOrg.USER, "urn:ietf:params:scim:schemas:core:2.0:Group", ENTERPRISE);
        org.scim().get("/scim/v2/Schemas/{id}", ENTERPRISE).then().statusCode(200)
                .body("attributes.name", hasItem("manager"));
    }

    @Test
    void the_token_list_records_the_last_use() {
        ScimOrg org = ScimOrg.create();
        org.scim().get("/scim/v2/Users").then().statusCode(200);

        Response tokens = ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/scim-tokens", org.id);
        tokens.then().statusCode(200).body("items[0].lastUsedAt", notNullValue());
        assertThat(tokens.asString()).doesNotContain(org.token);
        List<String> actions = ScimOrg.asAdmin(org.admin).queryParam("action", "scim_token.created")
                .get("/v1/orgs/{orgId}/audit-events", org.id).jsonPath().getList("items.action", String.class);
        assertThat(actions).containsExactly("scim_token.created");
    }
}
