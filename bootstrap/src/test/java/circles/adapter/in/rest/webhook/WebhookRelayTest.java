package circles.adapter.in.rest.webhook;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.in.webhook.DeliverWebhooksUseCase;
import circles.application.port.in.webhook.RelayPublicEventsUseCase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public events of an org reach its endpoints: the types and groups they chose, each event once. */
@QuarkusTest
class WebhookRelayTest {
    private static final ObjectMapper JSON_READER = new ObjectMapper();

    @Inject
    RelayPublicEventsUseCase relay;

    @Inject
    DeliverWebhooksUseCase deliver;

    private static Response subscribe(TestOrg org, String url, List<String> types, List<String> groups) {
        return RestApi.as(org.admin).contentType(JSON).body(Map.of("url", url, "eventTypes", types,
                "groupIds", groups)).post("/v1/orgs/{orgId}/webhooks", org.id);
    }

    private void relayAndDeliver() {
        relay.relay(1000);
        deliver.deliverDue(1000);
    }

    @Test
    void an_event_of_a_subscribed_type_is_delivered_once_as_the_change_feed_shows_it() throws Exception {
        TestOrg org = TestOrg.create();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = subscribe(org, receiver.url("/in"), List.of("circles.group.created"), List.of())
                    .path("secret");

            String groupId = org.group("organization");
            relayAndDeliver();

            WebhookReceiver.Received received = receiver.next();
            String body = new String(received.body(), StandardCharsets.UTF_8);
            new com.standardwebhooks.Webhook(secret).verify(body, received.headers());
            JsonNode event = JSON_READER.readTree(body);
            assertThat(event.path("type").asText()).isEqualTo("circles.group.created");
            assertThat(event.path("subject").asText()).isEqualTo(groupId);
            assertThat(event.path("source").asText()).isEqualTo("/orgs/" + org.id);
            // The org's default groups were created before the endpoint: their events are in the feed, not sent.
            List<Map<String, Object>> feed = RestApi.as(org.admin).queryParam("types", "circles.group.created")
                    .get("/v1/orgs/{orgId}/events", org.id).jsonPath().<Map<String, Object>>getList("items").stream()
                    .filter(item -> groupId.equals(item.get("subject"))).toList();
            assertThat(feed).hasSize(1);
            assertThat(received.header("webhook-id")).isEqualTo(feed.getFirst().get("id"));
            assertThat(event.path("data").path("groupId").asText())
                    .isEqualTo(((Map<?, ?>) feed.getFirst().get("data")).get("groupId"));

            relayAndDeliver();
            assertThat(receiver.idle()).as("each event is delivered once").isTrue();
        }
    }

    @Test
    void an_endpoint_narrowed_to_groups_gets_only_their_group_events_and_other_types_never() throws Exception {
        TestOrg org = TestOrg.create();
        String watched = org.group("organization");
        String other = org.group("organization");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribe(org, receiver.url("/in"), List.of("circles.group.updated", "circles.org.member.added"),
                    List.of(watched));

            RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("description", "not watched"))
                    .patch("/v1/groups/{id}", other).then().statusCode(200);
            relayAndDeliver();
            assertThat(receiver.idle()).isTrue();

            RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("description", "watched"))
                    .patch("/v1/groups/{id}", watched).then().statusCode(200);
            String newcomer = org.member();
            relayAndDeliver();

            List<String> delivered = List.of(receiver.next(), receiver.next()).stream().map(r -> {
                try {
                    JsonNode event = JSON_READER.readTree(r.body());
                    return event.path("type").asText() + " " + event.path("subject").asText();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(delivered).containsExactlyInAnyOrder("circles.group.updated " + watched,
                    "circles.org.member.added " + newcomer);
            assertThat(receiver.idle()).isTrue();
        }
    }
}
