package circles.adapter.in.rest.webhook;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.PostgresTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookApiTest {
    private static final String BASE = "/v1/orgs/{orgId}/webhooks";
    private static final ObjectMapper JSON_READER = new ObjectMapper();

    private static Response create(TestOrg org, String asUser, Map<String, Object> body) {
        return RestApi.as(asUser).contentType(JSON).body(body).post(BASE, org.id);
    }

    private static Map<String, Object> endpoint(String url) {
        return Map.of("url", url, "description", "LMS sync", "eventTypes",
                List.of("circles.group.member.added", "circles.group.member.removed"));
    }

    @Test
    void an_endpoint_shows_its_secret_once_and_a_test_delivery_is_signed_with_it() throws Exception {
        TestOrg org = TestOrg.create();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Response created = create(org, org.admin, endpoint(receiver.url("/hooks")));
            created.then().statusCode(201)
                    .header("Location", containsString("/v1/orgs/" + org.id + "/webhooks/"))
                    .header("Cache-Control", "no-store")
                    .body("url", equalTo(receiver.url("/hooks")))
                    .body("enabled", equalTo(true))
                    .body("createdBy", equalTo(org.admin))
                    .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="));
            String secret = created.path("secret");
            String id = created.path("id");

            Response listed = RestApi.as(org.admin).get(BASE, org.id);
            listed.then().statusCode(200).body("items[0].id", equalTo(id))
                    .body("items[0].eventTypes", equalTo(List.of("circles.group.member.added",
                            "circles.group.member.removed")));
            Response one = RestApi.as(org.admin).get(BASE + "/{id}", org.id, id);
            one.then().statusCode(200).body("description", equalTo("LMS sync"));
            assertThat(listed.asString() + one.asString()).doesNotContain(secret).doesNotContain("\"secret\"");

            Response tested = RestApi.as(org.admin).post(BASE + "/{id}/test", org.id, id);
            tested.then().statusCode(200).body("delivered", equalTo(true)).body("outcome", equalTo("delivered"))
                    .body("statusCode", equalTo(204)).body("error", nullValue());

            WebhookReceiver.Received ping = receiver.next();
            assertThat(ping.header("webhook-id")).isEqualTo(tested.path("eventId"));
            assertThat(ping.header("content-type")).isEqualTo("application/json");
            assertThat(ping.header("webhook-signature")).doesNotContain(" ");
            String body = new String(ping.body(), StandardCharsets.UTF_8);
            new com.standardwebhooks.Webhook(secret).verify(body, ping.headers());
            JsonNode event = JSON_READER.readTree(body);
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo("circles.webhook.ping");
            assertThat(event.path("source").asText()).isEqualTo("/orgs/" + org.id);
            assertThat(event.path("id").asText()).isEqualTo(ping.header("webhook-id"));
            assertThat(event.path("data").path("webhookId").asText()).isEqualTo(id);

            assertThatThrownBy(() -> new com.standardwebhooks.Webhook(secret).verify(body.replace(org.id, UUID
                    .randomUUID().toString()), ping.headers())).isInstanceOf(WebhookVerificationException.class);
            String otherSecret = create(org, org.admin, endpoint(receiver.url("/other"))).path("secret");
            assertThatThrownBy(() -> new com.standardwebhooks.Webhook(otherSecret).verify(body, ping.headers()))
                    .isInstanceOf(WebhookVerificationException.class);
        }
    }

    @Test
    void the_secret_is_stored_encrypted_and_bound_to_its_endpoint() throws Exception {
        TestOrg org = TestOrg.create();
        Response created = create(org, org.admin, endpoint("http://127.0.0.1:9/hooks"));
        String secret = created.path("secret");
        String keyPart = secret.substring("whsec_".length());
        try (Connection db = PostgresTestResource.superuserConnection();
             PreparedStatement read = db.prepareStatement("select secret_sealed from webhooks where id = ?")) {
            read.setObject(1, UUID.fromString(created.path("id")));
            try (ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                String stored = row.getString(1);
                assertThat(stored).startsWith("v1:test:").doesNotContain(keyPart).doesNotContain(secret);
            }
        }
    }

    @Test
    void after_a_rotation_both_secrets_sign_every_delivery() throws Exception {
        TestOrg org = TestOrg.create();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Response created = create(org, org.admin, endpoint(receiver.url("/hooks")));
            String oldSecret = created.path("secret");
            String id = created.path("id");

            Response rotated = RestApi.as(org.admin).post(BASE + "/{id}/rotate-secret", org.id, id);
            rotated.then().statusCode(200).header("Cache-Control", "no-store")
                    .body("previousSecretExpiresAt", notNullValue());
            String newSecret = rotated.path("secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

            RestApi.as(org.admin).post(BASE + "/{id}/test", org.id, id).then().statusCode(200)
                    .body("delivered", equalTo(true));
            WebhookReceiver.Received ping = receiver.next();
            assertThat(ping.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
            String body = new String(ping.body(), StandardCharsets.UTF_8);
            new com.standardwebhooks.Webhook(newSecret).verify(body, ping.headers());
            new com.standardwebhooks.Webhook(oldSecret).verify(body, ping.headers());
            assertThat(RestApi.as(org.admin).get(BASE + "/{id}", org.id, id).asString()).doesNotContain(newSecret)
                    .doesNotContain(oldSecret);
        }
    }

    @Test
    void a_test_delivery_reports_what_the_receiver_answered_and_follows_no_redirect() throws Exception {
        TestOrg org = TestOrg.create();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = create(org, org.admin, endpoint(receiver.url("/hooks"))).path("id");

            receiver.answer(500);
            RestApi.as(org.admin).post(BASE + "/{id}/test", org.id, id).then().statusCode(200)
                    .body("delivered", equalTo(false)).body("outcome", equalTo("failed"))
                    .body("statusCode", equalTo(500)).body("error", containsString("500"));
            receiver.next();

            receiver.answer(302);
            RestApi.as(org.admin).post(BASE + "/{id}/test", org.id, id).then().statusCode(200)
                    .body("outcome", equalTo("failed")).body("statusCode", equalTo(302))
                    .body("error", containsString("redirect"));
            receiver.next();
            assertThat(receiver.idle()).isTrue();

            receiver.answer(410);
            RestApi.as(org.admin).post(BASE + "/{id}/test", org.id, id).then().statusCode(200)
                    .body("outcome", equalTo("gone"));
        }
    }

    @Test
    void only_org_admins_and_it_admins_manage_endpoints() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String itAdmin = org.member("it_admin");
        TestOrg other = TestOrg.create();

        create(org, member, endpoint("http://127.0.0.1:9/a")).then().statusCode(403);
        create(org, other.admin, endpoint("http://127.0.0.1:9/a")).then().statusCode(404);
        String id = create(org, itAdmin, endpoint("http://127.0.0.1:9/a")).then().statusCode(201).extract()
                .path("id");

        RestApi.as(member).get(BASE, org.id).then().statusCode(403);
        RestApi.as(member).get(BASE + "/{id}", org.id, id).then().statusCode(403);
        RestApi.as(member).post(BASE + "/{id}/rotate-secret", org.id, id).then().statusCode(403);
        RestApi.as(member).post(BASE + "/{id}/test", org.id, id).then().statusCode(403);
        RestApi.as(member).delete(BASE + "/{id}", org.id, id).then().statusCode(403);
        RestApi.as(other.admin).get(BASE + "/{id}", org.id, id).then().statusCode(404);
        RestApi.as(other.admin).get(BASE + "/{id}", other.id, id).then().statusCode(404);
        RestApi.as(other.admin).post(BASE + "/{id}/rotate-secret", other.id, id).then().statusCode(404);
        RestApi.as(org.admin).get(BASE + "/{id}", org.id, id).then().statusCode(200);
    }

    @Test
    void event_types_must_be_known_and_groups_must_belong_to_the_org() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String ownGroup = org.group("organization");
        String foreignGroup = other.group("organization");

        RestApi.sloppy(org.admin).contentType(JSON).body(Map.of("url", "http://127.0.0.1:9/a",
                "eventTypes", List.of("circles.group.created", "circles.everything"))).post(BASE, org.id)
                .then().statusCode(422).body("errors[0].field", equalTo("eventTypes[1]"));
        RestApi.sloppy(org.admin).contentType(JSON).body(Map.of("url", "http://127.0.0.1:9/a",
                "eventTypes", List.of())).post(BASE, org.id).then().statusCode(422);
        RestApi.as(org.admin).contentType(JSON).body(Map.of("url", "http://127.0.0.1:9/a",
                "eventTypes", List.of("circles.group.created"), "groupIds", List.of(ownGroup, foreignGroup)))
                .post(BASE, org.id).then().statusCode(422).body("errors[0].field", equalTo("groupIds[1]"));
        RestApi.as(org.admin).contentType(JSON).body(Map.of("url", "http://127.0.0.1:9/a",
                "eventTypes", List.of("circles.group.created"), "groupIds", List.of(UUID.randomUUID().toString())))
                .post(BASE, org.id).then().statusCode(422).body("errors[0].field", equalTo("groupIds[0]"));
        RestApi.sloppy(org.admin).contentType(JSON).body(Map.of("url", "http://127.0.0.1:9/a",
                "eventTypes", List.of("circles.group.created"), "groupIds", List.of("not-a-uuid")))
                .post(BASE, org.id).then().statusCode(400);
        assertThat(RestApi.as(org.admin).get(BASE, org.id).jsonPath().getList("items")).isEmpty();

        String id = RestApi.as(org.admin).contentType(JSON).body(Map.of("url", "http://127.0.0.1:9/a",
                "eventTypes", List.of("circles.group.created"), "groupIds", List.of(ownGroup))).post(BASE, org.id)
                .then().statusCode(201).body("groupIds", equalTo(List.of(ownGroup))).extract().path("id");
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("groupIds", List.of(foreignGroup)))
                .patch(BASE + "/{id}", org.id, id).then().statusCode(422);
        RestApi.as(org.admin).get(BASE + "/{id}", org.id, id).then().body("groupIds", equalTo(List.of(ownGroup)));
    }

    @Test
    void internal_and_plain_http_urls_are_refused() {
        TestOrg org = TestOrg.create();
        for (String url : List.of("http://hooks.example.com/a", "https://10.0.0.8/a", "https://127.0.0.2:8443/a",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/a", "https://[fd00:ec2::254]/a",
                "https://100.64.0.1/a", "https://localhost/a", "https://metadata.google.internal/a",
                "https://intranet/a", "https://user:pass@hooks.example.com/a", "ftp://hooks.example.com/a",
                "/relative")) {
            Response refused = RestApi.as(org.admin).contentType(JSON).body(Map.of("url", url, "eventTypes",
                    List.of("circles.group.created"))).post(BASE, org.id);
            assertThat(refused.statusCode()).as(url).isEqualTo(422);
            assertThat(refused.jsonPath().getString("errors[0].field")).as(url).isEqualTo("url");
        }
        assertThat(RestApi.as(org.admin).get(BASE, org.id).jsonPath().getList("items")).isEmpty();
        create(org, org.admin, endpoint("https://hooks.example.com/circles")).then().statusCode(201);
    }

    @Test
    void a_disabled_endpoint_is_enabled_again_and_a_deleted_one_is_gone() {
        TestOrg org = TestOrg.create();
        String id = create(org, org.admin, endpoint("http://127.0.0.1:9/a")).path("id");

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("enabled", false))
                .patch(BASE + "/{id}", org.id, id).then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", notNullValue()).body("disabledAt", notNullValue());
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("enabled", true, "description", "Renamed",
                "eventTypes", List.of("circles.org.member.added"))).patch(BASE + "/{id}", org.id, id)
                .then().statusCode(200).body("enabled", equalTo(true)).body("disabledReason", nullValue())
                .body("description", equalTo("Renamed"))
                .body("eventTypes", equalTo(List.of("circles.org.member.added")));
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("url", "https://192.168.1.10/a"))
                .patch(BASE + "/{id}", org.id, id).then().statusCode(422);

        RestApi.as(org.admin).delete(BASE + "/{id}", org.id, id).then().statusCode(204);
        RestApi.as(org.admin).get(BASE + "/{id}", org.id, id).then().statusCode(404)
                .body("type", containsString("webhook-not-found"));
        RestApi.as(org.admin).delete(BASE + "/{id}", org.id, id).then().statusCode(404);
        assertThat(RestApi.as(org.admin).queryParam("targetId", id).get("/v1/orgs/{orgId}/audit-events", org.id)
                .jsonPath().getList("items.action", String.class))
                .containsExactlyInAnyOrder("webhook.created", "webhook.updated", "webhook.updated",
                        "webhook.deleted");
    }
}
