package circles.bootstrap.crash;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application killed with SIGKILL in the middle of a burst of webhook deliveries loses none: the deliveries it had
 * claimed keep their lease in the database, and after a restart every event of the org's change feed reaches the
 * receiver at least once. The lease is shortened (attempt timeout 2 s, lease 8 s) so the restart takes them over soon.
 */
@Tag("webhook-load")
class WebhookDeliveriesAfterKillIT {
    private static final int EVENTS = 10_000;

    @Test
    void a_burst_of_deliveries_cut_off_by_kill_9_is_delivered_in_full_after_the_restart() throws Exception {
        try (SlowWebhookReceiver receiver = new SlowWebhookReceiver(3);
             PackagedCircles circles = PackagedCircles.start(WebhookBurst.settings("2s"))) {
            WebhookBurst burst = WebhookBurst.subscribe(circles, receiver.url());
            String before = burst.feedNow(circles);
            burst.importMembers(circles, EVENTS);
            assertThat(PackagedCircles.eventually(Duration.ofSeconds(60), () -> receiver.requests() >= 300))
                    .as("deliveries of the burst begin").isTrue();

            // Stop the process where it holds a claim (it is sending), then kill it there.
            boolean holdsLease = false;
            for (int tries = 0; tries < 200 && !holdsLease; tries++) {
                circles.pause();
                holdsLease = heldLeases(circles, burst) > 0;
                if (!holdsLease) {
                    circles.resume();
                    Thread.sleep(2);
                }
            }
            assertThat(holdsLease).as("the process is caught holding a claim").isTrue();
            circles.kill();
            Instant killedAt = Instant.now();
            int receivedAtKill = receiver.answered().size();
            assertThat(receivedAtKill).as("events received when the process died").isPositive().isLessThan(EVENTS);
            long leasesOfTheDead = heldLeases(circles, burst);
            assertThat(leasesOfTheDead).as("claims of the dead process still leased").isPositive();

            Duration restart = circles.startApplication();
            Set<String> expected = burst.memberAddedEventIds(circles, before);
            assertThat(expected).hasSize(EVENTS);
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
                            + " than once)%n", receivedAtKill, EVENTS, leasesOfTheDead,
                    restart.toMillis() / 1000.0, EVENTS, allIn.toMillis() / 1000.0, twice);
        }
    }

    /** Deliveries of the org that are pending with a lease not yet passed: claimed by a sender. */
    private static long heldLeases(PackagedCircles circles, WebhookBurst burst) {
        return circles.count("select count(*) from webhook_deliveries where org_id = ?::uuid and status = 'pending'"
                + " and lease_until > now()", burst.orgId);
    }
}
