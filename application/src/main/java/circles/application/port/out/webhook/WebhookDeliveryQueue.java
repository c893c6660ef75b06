package circles.application.port.out.webhook;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The deliveries of events to webhook endpoints, each pending until it is delivered or given up, and the record of
 * every attempt. A sender claims a batch of due deliveries with a lease; only the holder of the current lease can
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
     * As {@link #enqueue} for many deliveries of one org at once (one round trip); returns how many were added
     * (those an endpoint already had are left out).
     */
    int enqueueAll(OrgId orgId, List<Queued> deliveries, Instant now);

    /**
     * Claims up to {@code max} pending deliveries due longest ago whose lease (if any) has passed, in whichever org,
     * and leases them until {@code now + lease}; empty when none is due. Concurrent claimers never get the same
     * delivery (rows locked by another claimer are skipped, not waited for).
     */
    List<Claimed> claim(Instant now, Duration lease, int max);

    /**
     * Records the attempts of claimed deliveries, each one: delivered ({@code nextAttemptAt} null and delivered), to
     * be retried at {@code nextAttemptAt}, or given up (both null/false). An attempt whose claim's lease was taken
     * over meanwhile is not recorded. Returns the ids of the deliveries whose attempt was recorded.
     */
    java.util.Set<UUID> record(List<Sent> attempts);

    /**
     * Deletes deliveries that are over (delivered or failed) and were last touched before {@code before}, with their
     * attempts: at most {@code max} of them, the oldest first. Returns how many were deleted.
     */
    int purgeFinished(Instant before, int max);

    /**
     * Records a test delivery sent at once (outside the queue), so that it shows in the endpoint's delivery log like
     * any other. Returns its id.
     */
    UUID recordSent(OrgId orgId, UUID webhookId, WebhookSender.Event event, WebhookSender.Attempt attempt,
                    Instant attemptedAt);

    /** An endpoint's deliveries, newest first, each with its attempts; {@code status} null for every status. */
    Page<Logged> list(OrgId orgId, UUID webhookId, Status status, PageRequest page);

    /**
     * Makes a delivery of the endpoint due again now, whatever its status (a delivery being sent keeps its lease);
     * empty when the endpoint has no such delivery.
     */
    Optional<Logged> redeliver(OrgId orgId, UUID webhookId, UUID deliveryId, Instant now);

    /** Makes every failed delivery of the endpoint created since {@code since} due again now; returns how many. */
    int replayFailed(OrgId orgId, UUID webhookId, Instant since, Instant now);

    /** Where a delivery stands. */
    enum Status { PENDING, DELIVERED, FAILED }

    /** A delivery as the log shows it. */
    record Logged(UUID id, UUID webhookId, UUID eventId, String eventType, Status status, int attemptCount,
                  Instant nextAttemptAt, Instant createdAt, List<LoggedAttempt> attempts) {
    }

    /** One attempt: when, the receiver's status (null without an answer), how long, what failed, what comes next. */
    record LoggedAttempt(int attempt, Instant attemptedAt, Integer statusCode, long durationMs, String error,
                         Instant nextAttemptAt) {
    }

    /** A delivery to queue: an event for an endpoint. */
    record Queued(UUID webhookId, WebhookSender.Event event) {
    }

    /** The attempt of a claimed delivery, when it was made, and when the next one is due (null: none). */
    record Sent(Claimed claimed, WebhookSender.Attempt attempt, Instant attemptedAt, Instant nextAttemptAt) {
    }

    /** A claimed delivery: what to send where, how many attempts came before, and the lease that holds it. */
    record Claimed(UUID id, OrgId orgId, UUID webhookId, WebhookSender.Event event, int attemptsBefore,
                   Instant leaseUntil) {
    }
}
