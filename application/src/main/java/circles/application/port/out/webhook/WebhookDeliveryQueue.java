package circles.application.port.out.webhook;

import circles.domain.org.OrgId;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The deliveries of events to webhook endpoints, each pending until it is delivered or given up, and the record of
 * every attempt. A sender claims one due delivery at a time with a lease; only the holder of the current lease can
 * record its attempt, so an instance that stalled past its lease cannot overwrite the outcome of the one that took
 * the delivery over.
 */
public interface WebhookDeliveryQueue {

    /**
     * Adds a delivery of {@code event} to the endpoint, due at once; nothing when that endpoint already has this
     * event. Returns the delivery's id, or empty when it was there already.
     */
    Optional<UUID> enqueue(OrgId orgId, UUID webhookId, WebhookSender.Event event, Instant now);

    /**
     * Claims the pending delivery due longest ago whose lease (if any) has passed, in whichever org, and leases it
     * until {@code now + lease}; empty when none is due. Concurrent claimers never get the same delivery.
     */
    Optional<Claimed> claimNext(Instant now, Duration lease);

    /**
     * Records the attempt of a claimed delivery: delivered ({@code nextAttemptAt} null and {@code delivered}), to be
     * retried at {@code nextAttemptAt}, or given up (both null/false). Returns false, recording nothing, when the
     * claim's lease was taken over meanwhile.
     */
    boolean record(Claimed claimed, WebhookSender.Attempt attempt, Instant attemptedAt, Instant nextAttemptAt);

    /** A claimed delivery: what to send where, how many attempts came before, and the lease that holds it. */
    record Claimed(UUID id, OrgId orgId, UUID webhookId, WebhookSender.Event event, int attemptsBefore,
                   Instant leaseUntil) {
    }
}
