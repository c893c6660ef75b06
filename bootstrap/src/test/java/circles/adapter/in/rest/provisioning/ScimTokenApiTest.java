package circles.adapter.in.rest.provisioning;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScimTokenApiTest {

    @Test
    void an_issued_token_shows_its_secret_once_and_works_until_revoked() {
        TestOrg org = TestOrg.create();

        Response issued = RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("name", "Entra ID", "expiresAt", "2099-01-01T00:00:00Z"))
                .post("/v1/orgs/{orgId}/scim-tokens", org.id);
        issued.then().statusCode(201)
                .header("Location", containsString("/v1/orgs/" + org.id + "/scim-tokens/"))
                .header("Cache-Control", "no-store")
                .body("name", equalTo("Entra ID"))
                .body("createdBy", equalTo(org.admin))
                .body("token", startsWith("scim_"))
                .body("lastUsedAt", nullValue())
                .body("revokedAt", nullValue());
        String secret = issued.path("token");
        String tokenId = issued.path("id");

        io.restassured.RestAssured.given().header("Authorization", "Bearer " + secret).get("/scim/v2/Users")
                .then().statusCode(200);
        Response listed = RestApi.as(org.admin).get("/v1/orgs/{orgId}/scim-tokens", org.id);
        listed.then().statusCode(200)
                .body("items[0].id", equalTo(tokenId))
                .body("items[0].lastUsedAt", notNullValue())
                .body("items[0].expiresAt", equalTo("2099-01-01T00:00:00Z"))
                .body("nextCursor", nullValue());
        assertThat(listed.asString()).doesNotContain(secret).doesNotContain("\"token\"");

        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/scim-tokens/{tokenId}", org.id, tokenId).then().statusCode(204);
        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/scim-tokens/{tokenId}", org.id, tokenId).then().statusCode(204);
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/scim-tokens", org.id).then()
                .body("items[0].revokedAt", notNullValue());
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + secret).get("/scim/v2/Users")
                .then().statusCode(401);
        assertThat(RestApi.as(org.admin).queryParam("targetId", tokenId).get("/v1/orgs/{orgId}/audit-events", org.id)
                .jsonPath().getList("items.action", String.class))
                .containsExactlyInAnyOrder("scim_token.created", "scim_token.revoked");
    }

    @Test
    void only_org_admins_manage_tokens_and_expiry_lies_in_the_future() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String itAdmin = org.member("it_admin");

        RestApi.as(member).contentType(JSON).body(Map.of("name", "x")).post("/v1/orgs/{orgId}/scim-tokens", org.id)
                .then().statusCode(403);
        RestApi.as(itAdmin).contentType(JSON).body(Map.of("name", "Okta")).post("/v1/orgs/{orgId}/scim-tokens", org.id)
                .then().statusCode(201);
        RestApi.as(org.admin).contentType(JSON).body(Map.of("name", "x", "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/v1/orgs/{orgId}/scim-tokens", org.id).then().statusCode(422);
        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/scim-tokens/{tokenId}", org.id,
                java.util.UUID.randomUUID()).then().statusCode(404);
        TestOrg other = TestOrg.create();
        RestApi.as(other.admin).get("/v1/orgs/{orgId}/scim-tokens", org.id).then().statusCode(404);
    }

    @Test
    void a_platform_admin_outside_the_orgs_admins_is_refused_a_token_that_could_never_work() {
        TestOrg org = TestOrg.create();

        RestApi.asPlatformAdmin().contentType(JSON).body(Map.of("name", "Would never work"))
                .post("/v1/orgs/{orgId}/scim-tokens", org.id)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://circles.dev/problems/not-allowed"))
                .body("detail", containsString("only an active admin or it_admin"));
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/scim-tokens", org.id).then().statusCode(200)
                .body("items", empty());

        org.addMember(TestTokens.PLATFORM_ADMIN_SUBJECT, "it_admin");
        String secret = RestApi.asPlatformAdmin().contentType(JSON).body(Map.of("name", "Works"))
                .post("/v1/orgs/{orgId}/scim-tokens", org.id)
                .then().statusCode(201).extract().path("token");
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + secret).get("/scim/v2/Users")
                .then().statusCode(200);
    }
}
