package circles.bootstrap.crash;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application on one database share the deliveries of a burst of events: each sends some, every
 * event arrives, and no delivery is ever sent by both at once (the claim's row lock and lease keep them apart).
 */
@Tag("webhook-load")
class TwoWebhookRelaysIT {
    private static final int EVENTS = 1_000;

    @Test
    void two_instances_share_a_burst_of_deliveries_and_never_send_one_delivery_twice_at_once() throws Exception {
        try (SlowWebhookReceiver receiver = new SlowWebhookReceiver(3);
             PackagedCircles first = PackagedCircles.start(WebhookBurst.settings("5s"));
             PackagedCircles second = first.anotherInstance()) {
            WebhookBurst burst = WebhookBurst.subscribe(first, receiver.url());
            Instant started = Instant.now();
            String before = burst.feedNow(first);
            burst.importMembers(second, EVENTS);
            Set<String> expected = burst.memberAddedEventIds(first, before);
            assertThat(expected).hasSize(EVENTS);

            assertThat(PackagedCircles.eventually(Duration.ofSeconds(90),
                    () -> receiver.answered().containsAll(expected)))
                    .as("every event of the burst arrives").isTrue();
            Duration took = Duration.between(started, Instant.now());
            assertThat(PackagedCircles.eventually(Duration.ofSeconds(10), () -> first.count(
                    "select count(*) from webhook_deliveries where org_id = ?::uuid and status <> 'delivered'",
                    burst.orgId) == 0)).as("every delivery is recorded as delivered").isTrue();

            assertThat(receiver.overlaps()).as("requests for a webhook-id already being served").isZero();
            assertThat(first.count("select count(*) from webhook_delivery_attempts a join webhook_delivery_attempts b"
                    + " on a.delivery_id = b.delivery_id and a.attempt < b.attempt"
                    + " where b.attempted_at < a.attempted_at + a.duration_ms * interval '1 millisecond'"))
                    .as("attempts of one delivery overlapping in time").isZero();
            long byFirst = WebhookBurst.attemptsLogged(first);
            long bySecond = WebhookBurst.attemptsLogged(second);
            assertThat(byFirst).as("attempts of the first instance").isPositive();
            assertThat(bySecond).as("attempts of the second instance").isPositive();
            assertThat(byFirst + bySecond).as("attempts of both").isGreaterThanOrEqualTo(EVENTS);
            System.out.printf("two instances, %d events: first sent %d, second %d; %d requests, all delivered"
                            + " %.1f s after the import began%n", EVENTS, byFirst, bySecond, receiver.requests(),
                    took.toMillis() / 1000.0);
        }
    }
}
