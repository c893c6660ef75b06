package circles.domain.activity;

import circles.domain.actor.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing a member did, as a source system reports it: {@code eventId} is unique per org and makes ingestion
 * idempotent; {@code quantity} is what the event counts (lessons, credits, messages), 1 by default.
 */
public record ActivityEvent(String eventId, UserId userId, ActivityType type, Instant occurredAt, int quantity) {
    public static final int EVENT_ID_MAX = 200;
    public static final int QUANTITY_MIN = 1;
    public static final int QUANTITY_MAX = 10_000;
    /** How far ahead of the server's clock an event may be (clocks of source systems drift a little). */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    public ActivityEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (eventId.isBlank() || eventId.length() > EVENT_ID_MAX) {
            throw new IllegalArgumentException("eventId must be 1 to " + EVENT_ID_MAX + " characters");
        }
        if (quantity < QUANTITY_MIN || quantity > QUANTITY_MAX) {
            throw new IllegalArgumentException("quantity must be between " + QUANTITY_MIN + " and " + QUANTITY_MAX);
        }
    }
}
