package circles.adapter.in.rest.webhook;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.in.webhook.DeliverWebhooksUseCase;
import circles.application.port.in.webhook.PurgeWebhookDeliveriesUseCase;
import circles.application.port.in.webhook.RelayPublicEventsUseCase;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookSender;
import circles.bootstrap.support.PostgresTestResource;
import circles.domain.org.OrgId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What keeps webhooks tidy over time: finished deliveries leave the log after their retention, and a deleted group
 * leaves the endpoints limited to it once its deletion has been queued for them (but never empties their list).
 */
@QuarkusTest
class WebhookHousekeepingTest {
    private static final ObjectMapper JSON_READER = new ObjectMapper();

    @Inject
    PurgeWebhookDeliveriesUseCase purge;

    @Inject
    RelayPublicEventsUseCase relay;

    @Inject
    DeliverWebhooksUseCase deliver;

    @Inject
    WebhookDeliveryQueue queue;

    @Inject
    UnitOfWork tx;

    @Test
    void finished_deliveries_past_the_retention_are_purged_with_their_attempts_and_pending_ones_stay()
            throws Exception {
        TestOrg org = TestOrg.create();
        String webhookId = RestApi.as(org.admin).contentType(JSON).body(Map.of("url", "http://127.0.0.1:9/in",
                "eventTypes", List.of("circles.group.member.added"))).post("/v1/orgs/{orgId}/webhooks", org.id)
                .then().statusCode(201).extract().path("id");
        List<UUID> oldFinished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = enqueue(org, webhookId);
            finish(id, i % 2 == 0 ? "delivered" : "failed", "31 days");
            oldFinished.add(id);
        }
        UUID recent = enqueue(org, webhookId);
        finish(recent, "delivered", "29 days");
        UUID oldPending = enqueue(org, webhookId);
        backdate(oldPending, "31 days");

        // The test profile purges in slices of 2: five old rows take three slices.
        assertThat(purge.purgeFinished()).isGreaterThanOrEqualTo(oldFinished.size());

        for (UUID id : oldFinished) {
            assertThat(count("select count(*) from webhook_deliveries where id = ?", id)).isZero();
            assertThat(count("select count(*) from webhook_delivery_attempts where delivery_id = ?", id)).isZero();
        }
        assertThat(count("select count(*) from webhook_deliveries where id = ?", recent)).isOne();
        assertThat(count("select count(*) from webhook_delivery_attempts where delivery_id = ?", recent)).isOne();
        assertThat(count("select count(*) from webhook_deliveries where id = ? and status = 'pending'", oldPending))
                .isOne();
        assertThat(purge.purgeFinished()).as("nothing left to purge").isZero();
    }

    @Test
    void a_deleted_group_leaves_the_endpoints_limited_to_it_after_its_deletion_event_and_never_widens_them()
            throws Exception {
        TestOrg org = TestOrg.create();
        String deleted = org.group("organization");
        String kept = org.group("organization");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            List<String> types = List.of("circles.group.deleted", "circles.group.updated");
            String both = subscribe(org, receiver.url("/both"), types, List.of(deleted, kept));
            String onlyDeleted = subscribe(org, receiver.url("/only"), types, List.of(deleted));

            RestApi.as(org.admin).delete("/v1/groups/{groupId}", deleted).then().statusCode(204);
            List<String> received = relayUntil(receiver, 2);
            assertThat(received).as("both endpoints learn of the deletion")
                    .containsExactly("circles.group.deleted " + deleted, "circles.group.deleted " + deleted);

            Response first = webhook(org, both);
            assertThat(first.jsonPath().getList("groupIds")).containsExactly(kept);
            assertThat(first.<Boolean>path("enabled")).isTrue();
            Response second = webhook(org, onlyDeleted);
            assertThat(second.jsonPath().getList("groupIds")).as("its last group stays: not widened to every group")
                    .containsExactly(deleted);
            assertThat(second.<Boolean>path("enabled")).isTrue();

            // Another group's deletion reaches neither endpoint (they are still limited to their groups), only one
            // that wants every group.
            subscribe(org, receiver.url("/all"), types, List.of());
            String other = org.group("organization");
            RestApi.as(org.admin).delete("/v1/groups/{groupId}", other).then().statusCode(204);
            assertThat(relayUntil(receiver, 1)).containsExactly("circles.group.deleted " + other);
            relay.relay(1000);
            deliver.deliverDue(1000);
            assertThat(receiver.poll(java.time.Duration.ofMillis(500))).isNull();
        }
    }

    /**
     * Relays and delivers until {@code count} requests arrived (an event shows in the log once every older
     * transaction has ended, which may take a moment when other work runs), at most ten seconds.
     */
    private List<String> relayUntil(WebhookReceiver receiver, int count) throws Exception {
        List<String> received = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(10);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            relay.relay(1000);
            deliver.deliverDue(1000);
            WebhookReceiver.Received next;
            while ((next = receiver.poll(java.time.Duration.ofMillis(200))) != null) {
                JsonNode event = JSON_READER.readTree(next.body());
                received.add(event.path("type").asText() + " " + event.path("subject").asText());
            }
        }
        return received;
    }

    private static String subscribe(TestOrg org, String url, List<String> types, List<String> groups) {
        return RestApi.as(org.admin).contentType(JSON).body(Map.of("url", url, "eventTypes", types,
                "groupIds", groups)).post("/v1/orgs/{orgId}/webhooks", org.id).then().statusCode(201)
                .extract().path("id");
    }

    private static Response webhook(TestOrg org, String id) {
        Response read = RestApi.as(org.admin).get("/v1/orgs/{orgId}/webhooks/{id}", org.id, id);
        read.then().statusCode(200);
        return read;
    }

    private UUID enqueue(TestOrg org, String webhookId) {
        String groupId = UUID.randomUUID().toString();
        WebhookSender.Event event = new WebhookSender.Event(UUID.randomUUID(), "circles.group.member.added",
                "/orgs/" + org.id, groupId, Instant.now(), Map.of("groupId", groupId), Map.of("groupId", groupId),
                "/v1/groups/" + groupId);
        return tx.inTransaction(() -> queue.enqueue(new OrgId(UUID.fromString(org.id)), UUID.fromString(webhookId),
                event, Instant.now())).orElseThrow();
    }

    /** Makes a delivery finished {@code age} ago, with one attempt. */
    private static void finish(UUID id, String status, String age) throws SQLException {
        try (Connection db = PostgresTestResource.superuserConnection()) {
            try (PreparedStatement update = db.prepareStatement("update webhook_deliveries set status = ?,"
                    + " attempts = 1, next_attempt_at = null, updated_at = now() - cast(? as interval) where id = ?")) {
                update.setString(1, status);
                update.setString(2, age);
                update.setObject(3, id);
                assertThat(update.executeUpdate()).isOne();
            }
            try (PreparedStatement insert = db.prepareStatement("insert into webhook_delivery_attempts (delivery_id,"
                    + " org_id, attempt, attempted_at, status_code, duration_ms) select id, org_id, 1, updated_at,"
                    + " 204, 3 from webhook_deliveries where id = ?")) {
                insert.setObject(1, id);
                assertThat(insert.executeUpdate()).isOne();
            }
        }
    }

    private static void backdate(UUID id, String age) throws SQLException {
        try (Connection db = PostgresTestResource.superuserConnection();
             PreparedStatement update = db.prepareStatement("update webhook_deliveries set updated_at = now()"
                     + " - cast(? as interval), created_at = now() - cast(? as interval),"
                     + " next_attempt_at = now() + interval '1 hour' where id = ?")) {
            update.setString(1, age);
            update.setString(2, age);
            update.setObject(3, id);
            assertThat(update.executeUpdate()).isOne();
        }
    }

    private static long count(String sql, UUID id) throws SQLException {
        try (Connection db = PostgresTestResource.superuserConnection();
             PreparedStatement read = db.prepareStatement(sql)) {
            read.setObject(1, id);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
