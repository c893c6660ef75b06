package circles.bootstrap.crash;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook deliveries under load on the packaged application, with the delivery threads of production (one database
 * and one application shared by both tests, to start them once):
 * <ol>
 *   <li>two instances on one database share the deliveries of a burst of events: each sends some, every event
 *   arrives, and no delivery is ever sent by both at once (the claim's row lock and lease keep them apart);</li>
 *   <li>the application killed with SIGKILL in the middle of a burst loses none: the deliveries it had claimed keep
 *   their lease in the database, and after a restart every event of the org's change feed reaches the receiver at
 *   least once.</li>
 * </ol>
 * The attempt timeout is 2 s, so a claim's lease (four times that) passes 8 s after the kill and the restarted
 * application takes the dead one's deliveries over soon.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookLoadIT {
    private static final int SHARED_EVENTS = 1_000;
    private static final int KILLED_EVENTS = 10_000;

    private static PackagedCircles circles;

    @BeforeAll
    static void start() {
        circles = PackagedCircles.start(WebhookBurst.settings("2s"));
    }

    @AfterAll
    static void stop() {
        if (circles != null) {
            circles.close();
        }
    }

    @Test
    @Order(1)
    void two_instances_share_a_burst_of_deliveries_and_never_send_one_delivery_twice_at_once() throws Exception {
        try (SlowWebhookReceiver receiver = new SlowWebhookReceiver(3);
             PackagedCircles second = circles.anotherInstance()) {
            PackagedCircles first = circles;
            WebhookBurst burst = WebhookBurst.subscribe(first, receiver.url());
            Instant started = Instant.now();
            String before = burst.feedNow(first);
            burst.importMembers(second, SHARED_EVENTS);
            Set<String> expected = burst.memberAddedEventIds(first, before);
            assertThat(expected).hasSize(SHARED_EVENTS);

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
            assertThat(byFirst + bySecond).as("attempts of both").isGreaterThanOrEqualTo(SHARED_EVENTS);
            System.out.printf("two instances, %d events: first sent %d, second %d; %d requests, all delivered"
                            + " %.1f s after the import began%n", SHARED_EVENTS, byFirst, bySecond,
                    receiver.requests(), took.toMillis() / 1000.0);
        }
    }

    @Test
    @Order(2)
    void a_burst_of_deliveries_cut_off_by_kill_9_is_delivered_in_full_after_the_restart() throws Exception {
        try (SlowWebhookReceiver receiver = new SlowWebhookReceiver(3)) {
            WebhookBurst burst = WebhookBurst.subscribe(circles, receiver.url());
            String before = burst.feedNow(circles);
            burst.importMembers(circles, KILLED_EVENTS);
            assertThat(PackagedCircles.eventually(Duration.ofSeconds(60), () -> receiver.requests() >= 300))
                    .as("deliveries of the burst begin").isTrue();

            // Stop the process where it holds a claim (it is sending), then kill it there.
            boolean holdsLease = false;
            for (int tries = 0; tries < 200 && !holdsLease; tries++) {
                circles.pause();
                holdsLease = heldLeases(burst) > 0;
                if (!holdsLease) {
                    circles.resume();
                    Thread.sleep(2);
                }
            }
            assertThat(holdsLease).as("the process is caught holding a claim").isTrue();
            circles.kill();
            Instant killedAt = Instant.now();
            int receivedAtKill = receiver.answered().size();
            assertThat(receivedAtKill).as("events received when the process died").isPositive()
                    .isLessThan(KILLED_EVENTS);
            long leasesOfTheDead = heldLeases(burst);
            assertThat(leasesOfTheDead).as("claims of the dead process still leased").isPositive();

            Duration restart = circles.startApplication();
            Set<String> expected = burst.memberAddedEventIds(circles, before);
            assertThat(expected).hasSize(KILLED_EVENTS);
            assertThat(PackagedCircles.eventually(Duration.ofSeconds(420),
                    () -> receiver.answered().containsAll(expected)))
                    .as("every event of the change feed arrives after the restart").isTrue();
            Duration allIn = Duration.between(killedAt, Instant.now());
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(receiver.answered());
            assertThat(missing).isEmpty();
            long twice = receiver.requestsPerId().values().stream().filter(count -> count > 1).count();
            System.out.printf("kill -9 mid-burst: %d of %d events received at the kill, %d claims leased by the dead"
                            + " process; restart took %.1f s; all %d received %.1f s after the kill (%d sent more"
                            + " than once)%n", receivedAtKill, KILLED_EVENTS, leasesOfTheDead,
                    restart.toMillis() / 1000.0, KILLED_EVENTS, allIn.toMillis() / 1000.0, twice);
        }
    }

    /** Deliveries of the org that are pending with a lease not yet passed: claimed by a sender. */
    private static long heldLeases(WebhookBurst burst) {
        return circles.count("select count(*) from webhook_deliveries where org_id = ?::uuid and status = 'pending'"
                + " and lease_until > now()", burst.orgId);
    }
}
