package circles.adapter.in.rest.apitoken;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Org API tokens end to end: issuing, listing, reading and revoking them (contract-checked), and requests that
 * present one. The scoped operation they call is the change feed, which declares {@code events:read}.
 */
@QuarkusTest
class ApiTokenApiTest {
    private static final String FEED = "/v1/orgs/{orgId}/events";
    private static final String PROBLEMS = "https://circles.dev/problems/";

    @Inject
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private static Response issue(String issuer, String orgId, Map<String, Object> body) {
        return RestApi.as(issuer).contentType(JSON).body(body).post("/v1/orgs/{orgId}/api-tokens", orgId);
    }

    private static String issueSecret(String issuer, String orgId) {
        return issue(issuer, orgId, Map.of("name", "Feed reader", "scopes", List.of("events:read")))
                .then().statusCode(201).extract().path("token");
    }

    /** A request presenting {@code secret}, checked against the contract. */
    private static RequestSpecification bearer(String secret) {
        return RestApi.anonymous().header("Authorization", "Bearer " + secret);
    }

    /** A request to an operation of the contract presenting {@code secret}: the answer is checked against it. */
    private static RequestSpecification bearerOnContract(String secret) {
        return RestApi.anonymous().header("Authorization", "Bearer " + secret);
    }

    private static void setRole(TestOrg org, String userId, String role) {
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("role", role))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, userId).then().statusCode(200);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void an_issued_token_shows_its_secret_once_and_only_its_hash_is_stored() throws Exception {
        TestOrg org = TestOrg.create();
        String expiresAt = Instant.now().plus(Duration.ofDays(200)).truncatedTo(ChronoUnit.SECONDS).toString();

        Response issued = issue(org.admin, org.id, Map.of("name", "Warehouse sync", "scopes", List.of("events:read"),
                "expiresAt", expiresAt));
        issued.then().statusCode(201)
                .header("Location", containsString("/v1/orgs/" + org.id + "/api-tokens/"))
                .header("Cache-Control", "no-store")
                .body("name", equalTo("Warehouse sync"))
                .body("scopes", contains("events:read"))
                .body("createdBy", equalTo(org.admin))
                .body("token", matchesPattern("^circles_at_[A-Za-z0-9_-]{43}$"));
        String secret = issued.path("token");
        String tokenId = issued.path("id");

        Response listed = RestApi.as(org.admin).get("/v1/orgs/{orgId}/api-tokens", org.id);
        listed.then().statusCode(200).body("items[0].id", equalTo(tokenId))
                .body("items[0].expiresAt", equalTo(expiresAt))
                .body("items[0].scopes", contains("events:read"))
                .body("items[0].lastUsedAt", nullValue())
                .body("items[0].revokedAt", nullValue());
        Response read = RestApi.as(org.admin).get("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId);
        read.then().statusCode(200).body("id", equalTo(tokenId)).body("createdBy", equalTo(org.admin));
        for (Response answer : List.of(listed, read)) {
            assertThat(answer.asString()).doesNotContain(secret).doesNotContain("\"token\"");
        }

        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            set(connection, "circles.org_id", org.id);
            try (PreparedStatement row = connection.prepareStatement(
                    "select secret_hash, t::text as whole from api_tokens t where id = ?::uuid")) {
                row.setString(1, tokenId);
                try (ResultSet stored = row.executeQuery()) {
                    assertThat(stored.next()).isTrue();
                    assertThat(stored.getString("secret_hash")).isEqualTo(sha256(secret));
                    assertThat(stored.getString("whole")).doesNotContain(secret)
                            .doesNotContain(secret.substring("circles_at_".length()));
                }
            }
            connection.rollback();
        }
        assertThat(RestApi.as(org.admin).queryParam("targetId", tokenId).get("/v1/orgs/{orgId}/audit-events", org.id)
                .jsonPath().getList("items.action", String.class)).containsExactly("api_token.created");
    }

    @Test
    void a_token_reads_a_scoped_operation_of_its_org_and_its_last_use_is_kept_to_the_minute() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(start);
        TestOrg org = TestOrg.create();
        Response issued = issue(org.admin, org.id, Map.of("name", "Feed", "scopes", List.of("events:read")));
        issued.then().statusCode(201)
                .body("expiresAt", equalTo(start.plus(Duration.ofDays(90)).toString()));
        String secret = issued.path("token");
        String tokenId = issued.path("id");

        bearer(secret).get(FEED, org.id).then().statusCode(200).body("items", notNullValue());
        clock.advance(Duration.ofSeconds(30));
        bearer(secret).get(FEED, org.id).then().statusCode(200);
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then()
                .body("lastUsedAt", equalTo(start.toString()));

        clock.advance(Duration.ofSeconds(31));
        bearer(secret).get(FEED, org.id).then().statusCode(200);
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then()
                .body("lastUsedAt", equalTo(start.plusSeconds(61).toString()));
    }

    @Test
    void a_revoked_token_is_refused_with_401_and_stays_listed() {
        TestOrg org = TestOrg.create();
        Response issued = issue(org.admin, org.id, Map.of("name", "Feed", "scopes", List.of("events:read")));
        String secret = issued.path("token");
        String tokenId = issued.path("id");
        bearer(secret).get(FEED, org.id).then().statusCode(200);

        String itAdmin = org.member("it_admin");
        RestApi.as(itAdmin).delete("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then().statusCode(204);
        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then().statusCode(204);

        bearer(secret).get(FEED, org.id).then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unauthorized"));
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then().statusCode(200)
                .body("revokedAt", notNullValue());
        assertThat(RestApi.as(org.admin).queryParam("targetId", tokenId).get("/v1/orgs/{orgId}/audit-events", org.id)
                .jsonPath().getList("items.action", String.class))
                .containsExactlyInAnyOrder("api_token.created", "api_token.revoked");
        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id,
                java.util.UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "api-token-not-found"));
    }

    @Test
    void an_expired_token_is_refused_with_401() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(start);
        TestOrg org = TestOrg.create();
        String secret = issue(org.admin, org.id, Map.of("name", "Short-lived", "scopes", List.of("events:read"),
                "expiresAt", start.plus(Duration.ofHours(1)).toString())).then().statusCode(201).extract().path("token");
        bearer(secret).get(FEED, org.id).then().statusCode(200);

        clock.advance(Duration.ofHours(1));

        bearer(secret).get(FEED, org.id).then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "unauthorized"));
    }

    @Test
    void a_token_stops_working_once_its_issuer_is_no_longer_an_org_admin_or_it_admin() {
        TestOrg org = TestOrg.create();
        String admin = org.member("admin");
        String itAdmin = org.member("it_admin");
        String adminsToken = issueSecret(admin, org.id);
        String itAdminsToken = issueSecret(itAdmin, org.id);
        String orgAdminsToken = issueSecret(org.admin, org.id);
        bearer(adminsToken).get(FEED, org.id).then().statusCode(200);
        bearer(itAdminsToken).get(FEED, org.id).then().statusCode(200);

        setRole(org, admin, "member");
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "suspended"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, itAdmin).then().statusCode(200);

        bearer(adminsToken).get(FEED, org.id).then().statusCode(401);
        bearer(itAdminsToken).get(FEED, org.id).then().statusCode(401);
        bearer(orgAdminsToken).get(FEED, org.id).then().statusCode(200);

        setRole(org, admin, "it_admin");
        bearer(adminsToken).get(FEED, org.id).then().statusCode(200);
    }

    @Test
    void only_active_org_admins_and_it_admins_issue_list_and_revoke() {
        TestOrg org = TestOrg.create();
        String itAdmin = org.member("it_admin");
        String member = org.member();
        String groupAdmin = org.member();
        String group = org.group("organization");
        org.addToGroup(group, groupAdmin, "admin");
        String tokenId = issue(itAdmin, org.id, Map.of("name", "By the it_admin", "scopes", List.of("events:read")))
                .then().statusCode(201).body("createdBy", equalTo(itAdmin)).extract().path("id");
        Map<String, Object> body = Map.of("name", "x", "scopes", List.of("events:read"));

        for (String refused : List.of(member, groupAdmin)) {
            issue(refused, org.id, body).then().statusCode(403).body("type", equalTo(PROBLEMS + "not-allowed"));
            RestApi.as(refused).get("/v1/orgs/{orgId}/api-tokens", org.id).then().statusCode(403);
            RestApi.as(refused).get("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then().statusCode(403);
            RestApi.as(refused).delete("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then()
                    .statusCode(403);
        }
        RestApi.asPlatformAdmin().contentType(JSON).body(body).post("/v1/orgs/{orgId}/api-tokens", org.id).then()
                .statusCode(403);
        RestApi.asPlatformAdmin().get("/v1/orgs/{orgId}/api-tokens", org.id).then().statusCode(403);

        TestOrg other = TestOrg.create();
        issue(other.admin, org.id, body).then().statusCode(404).body("type", equalTo(PROBLEMS + "org-not-found"));
        RestApi.as(other.admin).get("/v1/orgs/{orgId}/api-tokens", org.id).then().statusCode(404);
        RestApi.as(other.admin).get("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then().statusCode(404);
        RestApi.as(other.admin).delete("/v1/orgs/{orgId}/api-tokens/{tokenId}", org.id, tokenId).then()
                .statusCode(404);
        RestApi.as(other.admin).get("/v1/orgs/{orgId}/api-tokens/{tokenId}", other.id, tokenId).then()
                .statusCode(404).body("type", equalTo(PROBLEMS + "api-token-not-found"));

        RestApi.as(org.admin).get("/v1/orgs/{orgId}/api-tokens", org.id).then().statusCode(200)
                .body("items.id", contains(tokenId));
    }

    @Test
    void a_token_calls_only_operations_that_declare_its_scope_and_only_in_its_own_org() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String secret = issueSecret(org.admin, org.id);

        for (String path : List.of("/v1/orgs/" + org.id + "/members", "/v1/orgs/" + org.id + "/api-tokens",
                "/v1/orgs/" + org.id, "/v1/me/groups", "/v1/orgs")) {
            bearerOnContract(secret).get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "token-scope-missing"));
        }
        bearerOnContract(secret).contentType(JSON)
                .body(Map.of("name", "Minted by a token", "scopes", List.of("events:read")))
                .post("/v1/orgs/{orgId}/api-tokens", org.id).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "token-scope-missing"));
        bearerOnContract(secret).contentType(JSON).body(Map.of("userId", "sneaky", "role", "admin"))
                .post("/v1/orgs/{orgId}/members", org.id).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "token-scope-missing"));

        bearer(secret).get(FEED, other.id).then().statusCode(404).body("type", equalTo(PROBLEMS + "org-not-found"));
        bearerOnContract(secret).get("/v1/orgs/{orgId}/members", other.id).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "org-not-found"));

        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members", org.id).then().statusCode(200)
                .body("items.userId", contains(org.admin));
    }

    @Test
    void a_malformed_issue_request_is_refused_and_issues_nothing() {
        TestOrg org = TestOrg.create();
        List<Map<String, Object>> bodies = List.of(
                Map.of("name", "Unknown scope", "scopes", List.of("events:write")),
                Map.of("name", "No scopes", "scopes", List.of()),
                Map.of("name", "Scopes missing"),
                Map.of("name", "Past", "scopes", List.of("events:read"), "expiresAt", "2001-01-01T00:00:00Z"),
                Map.of("name", "Too far", "scopes", List.of("events:read"),
                        "expiresAt", Instant.now().plus(Duration.ofDays(400)).toString()));
        for (Map<String, Object> body : bodies) {
            RestApi.sloppy(org.admin).contentType(JSON).body(body).post("/v1/orgs/{orgId}/api-tokens", org.id)
                    .then().statusCode(422).body("type", equalTo(PROBLEMS + "validation-failed"));
        }
        RestApi.sloppy(org.admin).contentType(JSON).body(Map.of("name", "Wrong type", "scopes", "events:read"))
                .post("/v1/orgs/{orgId}/api-tokens", org.id).then().statusCode(400);

        RestApi.as(org.admin).get("/v1/orgs/{orgId}/api-tokens", org.id).then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void a_bearer_that_is_neither_a_jwt_nor_a_valid_api_token_is_a_401_without_an_error_in_the_log() {
        TestOrg org = TestOrg.create();
        List<LogRecord> errors = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    synchronized (errors) {
                        errors.add(record);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Logger.getLogger("circles.test.log-capture").severe("the capture sees ERROR records");
            synchronized (errors) {
                assertThat(errors).as("the log capture works").hasSize(1);
                errors.clear();
            }
            for (String token : List.of("circles_at_unknown", "circles_at_" + "A".repeat(43), "opaque-secret",
                    "a.b.c.d", "scim_" + "B".repeat(43), "circles_at_" + "x".repeat(500))) {
                bearer(token).get(FEED, org.id).then().statusCode(401).contentType("application/problem+json")
                        .header("WWW-Authenticate", containsString("Bearer"))
                        .body("type", equalTo(PROBLEMS + "unauthorized"));
                bearerOnContract(token).get("/v1/me").then().statusCode(401);
            }
        } finally {
            root.removeHandler(capture);
        }
        synchronized (errors) {
            assertThat(errors).as("ERROR records: %s", errors.stream()
                    .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList()).isEmpty();
        }
    }
}
