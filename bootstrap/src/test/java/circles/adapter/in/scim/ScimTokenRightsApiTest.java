package circles.adapter.in.scim;

import static circles.adapter.in.scim.ScimOrg.ERROR;
import static circles.adapter.in.scim.ScimOrg.SCIM_JSON;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A SCIM token acts with the org rights of whoever issued it, looked up again on every call: an it_admin's token
 * cannot deactivate or delete an org admin (the REST API refuses the it_admin the same), and a token whose issuer
 * is no longer an admin or it_admin of the org stops working.
 */
@QuarkusTest
class ScimTokenRightsApiTest {

    private static String provisioned(ScimOrg org, String prefix) {
        String subject = prefix + "-" + ScimOrg.unique();
        org.scim().body(ScimOrg.user(subject, subject + "@example.com", "Ada", "Byron", subject + "@example.com",
                "engineering", null)).post("/scim/v2/Users").then().statusCode(201);
        return subject;
    }

    private static void setRole(ScimOrg org, String userId, String role) {
        ScimOrg.asAdmin(org.admin).contentType("application/merge-patch+json").body(Map.of("role", role))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, userId).then().statusCode(200);
    }

    private static void addMember(ScimOrg org, String userId, String role) {
        ScimOrg.asAdmin(org.admin).contentType("application/json").body(Map.of("userId", userId, "role", role))
                .post("/v1/orgs/{orgId}/members", org.id).then().statusCode(201);
    }

    private static String issueToken(ScimOrg org, String issuer) {
        return ScimOrg.asAdmin(issuer).contentType("application/json").body(Map.of("name", "IdP " + ScimOrg.unique()))
                .post("/v1/orgs/{orgId}/scim-tokens", org.id).then().statusCode(201).extract().path("token");
    }

    private static RequestSpecification scim(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(SCIM_JSON).accept(SCIM_JSON);
    }

    @Test
    void an_it_admins_token_neither_deactivates_nor_deletes_an_org_admin() {
        ScimOrg org = ScimOrg.create();
        String boss = provisioned(org, "boss");
        setRole(org, boss, "admin");
        String itAdmin = "it-" + ScimOrg.unique();
        addMember(org, itAdmin, "it_admin");
        String token = issueToken(org, itAdmin);

        scim(token).body(ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"active\", \"value\": false}]"))
                .patch("/scim/v2/Users/{id}", boss)
                .then().statusCode(403).contentType(startsWith(SCIM_JSON)).body("schemas", hasItem(ERROR));
        scim(token).delete("/scim/v2/Users/{id}", boss)
                .then().statusCode(403).contentType(startsWith(SCIM_JSON)).body("status", equalTo("403"));

        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, boss).then().statusCode(200)
                .body("status", equalTo("active")).body("role", equalTo("admin"));
        scim(token).get("/scim/v2/Users/{id}", boss).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void a_token_stops_working_once_its_issuer_is_no_longer_an_org_admin() {
        ScimOrg org = ScimOrg.create();
        String issuer = "issuer-" + ScimOrg.unique();
        addMember(org, issuer, "admin");
        String token = issueToken(org, issuer);
        scim(token).get("/scim/v2/Users").then().statusCode(200);

        setRole(org, issuer, "member");

        scim(token).get("/scim/v2/Users")
                .then().statusCode(401).contentType(startsWith(SCIM_JSON)).body("schemas", hasItem(ERROR));
        scim(token).body(ScimOrg.user("late-" + ScimOrg.unique(), "late@example.com", "Late", "Comer",
                        "late@example.com", "engineering", null)).post("/scim/v2/Users")
                .then().statusCode(401);
        org.scim().get("/scim/v2/Users").then().statusCode(200);
    }
}
