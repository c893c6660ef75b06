package circles.adapter.in.rest.webhook;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.in.webhook.DeliverWebhooksUseCase;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookSender;
import circles.bootstrap.support.PostgresTestResource;
import circles.domain.org.OrgId;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Due deliveries are claimed, sent, retried on the schedule and recorded; a 410 disables the endpoint. */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    DeliverWebhooksUseCase deliver;

    @Inject
    WebhookDeliveryQueue queue;

    @Inject
    UnitOfWork tx;

    @Inject
    circles.application.port.out.shared.TenantScope tenant;

    @Inject
    circles.application.port.out.webhook.WebhookRepository webhooks;

    @Inject
    WebhookSender sender;

    private record Endpoint(TestOrg org, String id, String secret) {
    }

    private static Endpoint endpoint(String url) {
        TestOrg org = TestOrg.create();
        Response created = RestApi.as(org.admin).contentType(JSON).body(Map.of("url", url,
                "eventTypes", List.of("circles.group.member.added"))).post("/v1/orgs/{orgId}/webhooks", org.id);
        return new Endpoint(org, created.path("id"), created.path("secret"));
    }

    private static WebhookSender.Event event(TestOrg org) {
        String groupId = UUID.randomUUID().toString();
        return new WebhookSender.Event(UUID.randomUUID(), "circles.group.member.added", "/orgs/" + org.id, groupId,
                Instant.parse("2026-02-01T12:00:00Z"), Map.of("groupId", groupId, "userId", "u-1"),
                Map.of("groupId", groupId), "/v1/groups/" + groupId);
    }

    private Optional<UUID> enqueue(Endpoint endpoint, WebhookSender.Event event) {
        return tx.inTransaction(() -> queue.enqueue(new OrgId(UUID.fromString(endpoint.org().id)),
                UUID.fromString(endpoint.id()), event, Instant.now()));
    }

    /** status, attempts, next_attempt_at, last_status_code of a delivery. */
    private static Object[] delivery(UUID id) throws SQLException {
        try (Connection db = PostgresTestResource.superuserConnection();
             PreparedStatement read = db.prepareStatement("select status, attempts, next_attempt_at,"
                     + " last_status_code from webhook_deliveries where id = ?")) {
            read.setObject(1, id);
            try (ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new Object[] {row.getString(1), row.getInt(2), row.getObject(3, java.time.OffsetDateTime.class),
                        row.getObject(4)};
            }
        }
    }

    private static List<Integer> attemptStatuses(UUID id) throws SQLException {
        try (Connection db = PostgresTestResource.superuserConnection();
             PreparedStatement read = db.prepareStatement("select status_code from webhook_delivery_attempts"
                     + " where delivery_id = ? order by attempt")) {
            read.setObject(1, id);
            List<Integer> statuses = new ArrayList<>();
            try (ResultSet row = read.executeQuery()) {
                while (row.next()) {
                    statuses.add((Integer) row.getObject(1));
                }
            }
            return statuses;
        }
    }

    private static void makeDue(UUID id) throws SQLException {
        try (Connection db = PostgresTestResource.superuserConnection();
             PreparedStatement update = db.prepareStatement("update webhook_deliveries set next_attempt_at = now()"
                     + " - interval '1 second' where id = ?")) {
            update.setObject(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void a_due_delivery_is_sent_signed_once_and_recorded_as_delivered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Endpoint endpoint = endpoint(receiver.url("/in"));
            WebhookSender.Event event = event(endpoint.org());
            UUID id = enqueue(endpoint, event).orElseThrow();
            assertThat(enqueue(endpoint, event)).as("the same event for the same endpoint").isEmpty();

            deliver.deliverDue(10);

            WebhookReceiver.Received received = receiver.next();
            assertThat(received.header("webhook-id")).isEqualTo(event.id().toString());
            new com.standardwebhooks.Webhook(endpoint.secret()).verify(new String(received.body(),
                    StandardCharsets.UTF_8), received.headers());
            Object[] row = delivery(id);
            assertThat(row[0]).isEqualTo("delivered");
            assertThat(row[1]).isEqualTo(1);
            assertThat(row[2]).isNull();
            assertThat(attemptStatuses(id)).containsExactly(204);
            deliver.deliverDue(10);
            assertThat(receiver.idle()).isTrue();
        }
    }

    @Test
    void a_failed_delivery_is_retried_after_the_scheduled_delay_with_the_same_id() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Endpoint endpoint = endpoint(receiver.url("/in"));
            WebhookSender.Event event = event(endpoint.org());
            UUID id = enqueue(endpoint, event).orElseThrow();
            receiver.answer(500);

            Instant before = Instant.now();
            deliver.deliverDue(10);
            assertThat(receiver.next().header("webhook-id")).isEqualTo(event.id().toString());

            Object[] failed = delivery(id);
            assertThat(failed[0]).isEqualTo("pending");
            assertThat(failed[1]).isEqualTo(1);
            assertThat(failed[3]).isEqualTo(500);
            Instant next = ((java.time.OffsetDateTime) failed[2]).toInstant();
            assertThat(next).isBetween(before.plusMillis(4500), Instant.now().plusMillis(5500));
            deliver.deliverDue(10);
            assertThat(receiver.idle()).as("not due before its time").isTrue();

            receiver.answer(200);
            makeDue(id);
            deliver.deliverDue(10);
            assertThat(receiver.next().header("webhook-id")).isEqualTo(event.id().toString());
            assertThat(delivery(id)[0]).isEqualTo("delivered");
            assertThat(attemptStatuses(id)).containsExactly(500, 200);
        }
    }

    @Test
    void a_410_disables_the_endpoint_with_the_reason_and_ends_its_delivery() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Endpoint endpoint = endpoint(receiver.url("/in"));
            UUID id = enqueue(endpoint, event(endpoint.org())).orElseThrow();
            receiver.answer(410);

            deliver.deliverDue(10);

            receiver.next();
            assertThat(delivery(id)[0]).isEqualTo("failed");
            Response read = RestApi.as(endpoint.org().admin).get("/v1/orgs/{orgId}/webhooks/{id}",
                    endpoint.org().id, endpoint.id());
            assertThat(read.<Boolean>path("enabled")).isFalse();
            assertThat(read.<String>path("disabledReason")).contains("410");
        }
    }

    @Test
    void the_deliveries_of_one_batch_are_sent_at_the_same_time_and_each_is_recorded() throws Exception {
        int together = 4;
        java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(together);
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        server.setExecutor(threads);
        // Each request waits until all of them have arrived: sent one after the other, the first would give up.
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allArrived.countDown();
            boolean together0;
            try {
                together0 = allArrived.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                together0 = false;
            }
            inFlight.decrementAndGet();
            exchange.sendResponseHeaders(together0 ? 204 : 503, -1);
            exchange.close();
        });
        server.start();
        try {
            Endpoint endpoint = endpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/in");
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < together; i++) {
                ids.add(enqueue(endpoint, event(endpoint.org())).orElseThrow());
            }
            long started = System.nanoTime();
            deliver.deliverDue(1000);
            assertThat(mostAtOnce.get()).as("requests in flight at once").isGreaterThanOrEqualTo(together);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            for (UUID id : ids) {
                assertThat(delivery(id)[0]).isEqualTo("delivered");
                assertThat(attemptStatuses(id)).containsExactly(204);
            }
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void a_slow_receiver_does_not_hold_back_its_batch_and_its_attempt_is_recorded_when_it_ends() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/fast", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        // As in production: a batch waits a short while for its attempts, not for the slowest one.
        circles.application.service.webhook.WebhookDeliveryService impatient =
                new circles.application.service.webhook.WebhookDeliveryService(tx, tenant, queue, webhooks, sender,
                        new circles.domain.webhook.RetrySchedule(() -> 0.5), Duration.ofSeconds(60), 1000,
                        Duration.ofMillis(300), java.time.Clock.systemUTC());
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Endpoint slow = endpoint(base + "/slow");
            Endpoint fast = endpoint(base + "/fast");
            UUID late = enqueue(slow, event(slow.org())).orElseThrow();
            UUID early = enqueue(fast, event(fast.org())).orElseThrow();

            long started = System.nanoTime();
            impatient.deliverDue(1000);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the batch's time")
                    .isLessThan(Duration.ofMillis(1_800));
            assertThat(delivery(early)[0]).isEqualTo("delivered");
            assertThat(delivery(late)[0]).as("still being sent").isEqualTo("pending");

            java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
            while (!"delivered".equals(delivery(late)[0]) && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(delivery(late)[0]).as("recorded when its attempt ended").isEqualTo("delivered");
            assertThat(attemptStatuses(late)).containsExactly(204);
        } finally {
            impatient.close();
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void a_claim_holds_its_delivery_until_its_lease_passes_and_a_lost_lease_records_nothing() throws Exception {
        deliver.deliverDue(1000); // deliveries of other tests that are due now are attempted and rescheduled
        Endpoint endpoint = endpoint("http://127.0.0.1:9/in");
        UUID id = enqueue(endpoint, event(endpoint.org())).orElseThrow();
        Instant now = Instant.now().plusSeconds(1);

        WebhookDeliveryQueue.Claimed first = claimed(tx.inTransaction(() -> queue.claim(now, Duration.ofSeconds(60),
                1000)), id).orElseThrow();
        Optional<WebhookDeliveryQueue.Claimed> meanwhile = claimed(tx.inTransaction(() -> queue.claim(
                now.plusSeconds(30), Duration.ofSeconds(60), 1000)), id);
        assertThat(meanwhile).as("claimed again while leased").isEmpty();

        WebhookDeliveryQueue.Claimed takeover = claimed(tx.inTransaction(() -> queue.claim(now.plusSeconds(61),
                Duration.ofSeconds(60), 1000)), id).orElseThrow();
        WebhookSender.Attempt attempt = new WebhookSender.Attempt(WebhookSender.Outcome.DELIVERED, 200,
                Duration.ofMillis(30), null, null, false);
        assertThat(tx.inTransaction(() -> queue.record(List.of(
                new WebhookDeliveryQueue.Sent(first, attempt, now.plusSeconds(62), null))))).isEmpty();
        assertThat(tx.inTransaction(() -> queue.record(List.of(
                new WebhookDeliveryQueue.Sent(takeover, attempt, now.plusSeconds(62), null))))).containsExactly(id);
        assertThat(delivery(id)[0]).isEqualTo("delivered");
        assertThat(attemptStatuses(id)).containsExactly(200);
    }

    @Test
    void the_delivery_log_shows_every_attempt_and_failed_deliveries_are_sent_again() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Endpoint endpoint = endpoint(receiver.url("/in"));
            TestOrg org = endpoint.org();
            String base = "/v1/orgs/{orgId}/webhooks/{id}";
            receiver.answer(500);
            WebhookSender.Event event = event(org);
            UUID queued = enqueue(endpoint, event).orElseThrow();
            deliver.deliverDue(1000);
            receiver.next();
            Response tested = RestApi.as(org.admin).post(base + "/test", org.id, endpoint.id());
            String testDelivery = tested.path("deliveryId");
            receiver.next();

            Response pending = RestApi.as(org.admin).queryParam("status", "pending")
                    .get(base + "/deliveries", org.id, endpoint.id());
            pending.then().statusCode(200);
            assertThat(pending.jsonPath().getList("items.id")).containsExactly(queued.toString());
            assertThat(pending.<String>path("items[0].eventId")).isEqualTo(event.id().toString());
            assertThat(pending.<Integer>path("items[0].attempts[0].statusCode")).isEqualTo(500);
            assertThat(pending.<String>path("items[0].attempts[0].nextAttemptAt")).isNotNull();
            Response failed = RestApi.as(org.admin).queryParam("status", "failed")
                    .get(base + "/deliveries", org.id, endpoint.id());
            assertThat(failed.jsonPath().getList("items.id")).containsExactly(testDelivery);
            assertThat(failed.<String>path("items[0].eventType")).isEqualTo("circles.webhook.ping");
            assertThat(RestApi.as(org.admin).get(base + "/deliveries", org.id, endpoint.id())
                    .jsonPath().getList("items")).hasSize(2);

            receiver.answer(200);
            RestApi.as(org.admin).post(base + "/deliveries/{deliveryId}/redeliver", org.id, endpoint.id(),
                    testDelivery).then().statusCode(202).body("status", equalTo("pending"));
            deliver.deliverDue(1000);
            assertThat(receiver.next().header("webhook-id")).isEqualTo(tested.<String>path("eventId"));
            assertThat(delivery(UUID.fromString(testDelivery))[0]).isEqualTo("delivered");

            receiver.answer(500);
            String failedAgain = RestApi.as(org.admin).post(base + "/test", org.id, endpoint.id()).path("deliveryId");
            receiver.next();
            RestApi.as(org.admin).contentType(JSON).body(Map.of("since", Instant.now().minusSeconds(3600).toString()))
                    .post(base + "/replay", org.id, endpoint.id()).then().statusCode(202)
                    .body("replayed", equalTo(1));
            assertThat(delivery(UUID.fromString(failedAgain))[0]).isEqualTo("pending");
            RestApi.as(org.admin).contentType(JSON).body(Map.of("since", Instant.now().plusSeconds(3600).toString()))
                    .post(base + "/replay", org.id, endpoint.id()).then().statusCode(422);
            // Older than the event log's retention: refused, nothing replayed.
            RestApi.as(org.admin).contentType(JSON).body(Map.of("since", Instant.now().minus(Duration.ofDays(8))
                    .toString())).post(base + "/replay", org.id, endpoint.id()).then().statusCode(422)
                    .body("errors[0].field", equalTo("since"))
                    .body(containsString("the event log's retention"));

            RestApi.as(org.admin).post(base + "/deliveries/{deliveryId}/redeliver", org.id, endpoint.id(),
                    UUID.randomUUID()).then().statusCode(404)
                    .body("type", containsString("webhook-delivery-not-found"));
            RestApi.as(org.member()).get(base + "/deliveries", org.id, endpoint.id()).then().statusCode(403);
            TestOrg other = TestOrg.create();
            RestApi.as(other.admin).get(base + "/deliveries", org.id, endpoint.id()).then().statusCode(404);
            RestApi.as(other.admin).post(base + "/deliveries/{deliveryId}/redeliver", other.id, endpoint.id(),
                    testDelivery).then().statusCode(404);
        }
    }

    private static Optional<WebhookDeliveryQueue.Claimed> claimed(List<WebhookDeliveryQueue.Claimed> batch, UUID id) {
        return batch.stream().filter(claim -> claim.id().equals(id)).findFirst();
    }

}
