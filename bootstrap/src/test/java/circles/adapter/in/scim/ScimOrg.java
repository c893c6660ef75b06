package circles.adapter.in.scim;

import static io.restassured.RestAssured.given;

import circles.bootstrap.support.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An org made through the API for one SCIM test, with its admin and a SCIM token of the org. */
final class ScimOrg {
    static final String SCIM_JSON = "application/scim+json";
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    final String id;
    final String admin;
    final String token;
    final String tokenId;

    private ScimOrg(String id, String admin, String token, String tokenId) {
        this.id = id;
        this.admin = admin;
        this.token = token;
        this.tokenId = tokenId;
    }

    static ScimOrg create() {
        String tag = unique();
        String admin = "scim-admin-" + tag;
        String orgId = given().header("Authorization", "Bearer " + TestTokens.platformAdmin())
                .contentType("application/json")
                .body(Map.of("name", "SCIM " + tag, "slug", "scim-" + tag, "adminUserIds", List.of(admin)))
                .post("/v1/orgs")
                .then().statusCode(201).extract().path("id");
        var issued = asAdmin(admin).contentType("application/json").body(Map.of("name", "IdP " + tag))
                .post("/v1/orgs/{orgId}/scim-tokens", orgId)
                .then().statusCode(201).extract();
        return new ScimOrg(orgId, admin, issued.path("token"), issued.path("id"));
    }

    static RequestSpecification asAdmin(String admin) {
        return given().header("Authorization", "Bearer " + TestTokens.forUser(admin));
    }

    /** A SCIM request of this org's identity provider. */
    RequestSpecification scim() {
        return given().header("Authorization", "Bearer " + token).contentType(SCIM_JSON).accept(SCIM_JSON);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A full SCIM user with enterprise data; its externalId (the subject) is {@code subject}. */
    static String user(String subject, String userName, String given, String family, String email,
                       String department, String managerId) {
        return """
                {"schemas": ["%s", "%s"],
                 "externalId": "%s", "userName": "%s",
                 "name": {"givenName": "%s", "familyName": "%s"},
                 "emails": [{"value": "%s", "type": "work", "primary": true}],
                 "title": "Engineer", "userType": "Employee", "active": true,
                 "phoneNumbers": [{"value": "+1 555 0100", "type": "work"}],
                 "%s": {"department": "%s", "costCenter": "cc-1", "employeeNumber": "E-%s",
                        "organization": "Acme", "division": "R&D"%s}}"""
                .formatted(USER, ENTERPRISE, subject, userName, given, family, email, ENTERPRISE, department,
                        subject, managerId == null ? "" : ", \"manager\": {\"value\": \"" + managerId + "\"}");
    }

    static String patch(String operations) {
        return "{\"schemas\": [\"" + PATCH_OP + "\"], \"Operations\": " + operations + "}";
    }
}
