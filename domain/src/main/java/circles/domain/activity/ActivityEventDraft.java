package circles.domain.activity;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An activity event as it arrived, before its checks: every field may be missing or wrong. Checking it gives either
 * the event or every problem found, so that one bad event is reported without refusing the others.
 */
public record ActivityEventDraft(String eventId, String userId, String type, String occurredAt, Long quantity) {
    /** What a value holding the NUL character is told (the same words as elsewhere in the API). */
    public static final String NUL_REFUSAL = "must not contain the NUL character (U+0000)";
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LAST_INSTANT = Instant.parse("+10000-01-01T00:00:00Z");

    /** The outcome of the checks: exactly one of {@code event} and a non-empty {@code errors}. */
    public record Checked(ActivityEvent event, List<FieldError> errors) {
        public Checked {
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return event != null;
        }
    }

    /**
     * Checks the fields.
     *
     * @param now    the server's time: an event may lie at most {@link ActivityEvent#FUTURE_TOLERANCE} after it
     * @param oldest events at or before this moment are refused: raw events are kept only so long, and a repeat of
     *               an event older than that could no longer be recognised as a repeat
     */
    public Checked check(Instant now, Instant oldest) {
        List<FieldError> errors = new ArrayList<>();
        boolean nulInEventId = refuseNul("eventId", eventId, errors);
        boolean nulInUserId = refuseNul("userId", userId, errors);
        boolean nulInType = refuseNul("type", type, errors);
        boolean nulInOccurredAt = refuseNul("occurredAt", occurredAt, errors);
        if (nulInEventId) {
            // the NUL is the one problem reported for this field
        } else if (eventId == null || eventId.isBlank()) {
            errors.add(new FieldError("eventId", "is required"));
        } else if (eventId.length() > ActivityEvent.EVENT_ID_MAX) {
            errors.add(new FieldError("eventId", "must be at most " + ActivityEvent.EVENT_ID_MAX + " characters"));
        } else if (eventId.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("eventId", "must be printable text"));
        }
        UserId user = null;
        if (nulInUserId) {
            // the NUL is the one problem reported for this field
        } else if (userId == null || userId.isBlank()) {
            errors.add(new FieldError("userId", "is required"));
        } else {
            try {
                user = UserId.of(userId);
            } catch (RuleViolation invalid) {
                errors.add(new FieldError("userId", invalid.errors().isEmpty() ? "is not a user id"
                        : invalid.errors().getFirst().message()));
            }
        }
        ActivityType kind = null;
        if (nulInType) {
            // the NUL is the one problem reported for this field
        } else if (type == null || type.isBlank()) {
            errors.add(new FieldError("type", "is required"));
        } else {
            kind = ActivityType.ofWireName(type).orElse(null);
            if (kind == null) {
                errors.add(new FieldError("type", "is not an activity type; the types are "
                        + String.join(", ", ActivityType.WIRE_NAMES)));
            }
        }
        Instant at = null;
        if (nulInOccurredAt) {
            // the NUL is the one problem reported for this field
        } else if (occurredAt == null || occurredAt.isBlank()) {
            errors.add(new FieldError("occurredAt", "is required"));
        } else {
            try {
                at = Instant.parse(occurredAt.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("occurredAt", "must be an RFC 3339 time in UTC, e.g. 2026-03-02T09:30:00Z"));
            }
            if (at != null && !inRfc3339Years(at)) {
                errors.add(new FieldError("occurredAt", "must lie in the years 0001 to 9999 (RFC 3339)"));
                at = null;
            } else if (at != null && at.isAfter(now.plus(ActivityEvent.FUTURE_TOLERANCE))) {
                errors.add(new FieldError("occurredAt", "lies more than "
                        + ActivityEvent.FUTURE_TOLERANCE.toMinutes() + " minutes in the future (server time " + now + ")"));
                at = null;
            } else if (at != null && !at.isAfter(oldest)) {
                errors.add(new FieldError("occurredAt", "is older than the time raw events are kept (events must be"
                        + " after " + oldest + ")"));
                at = null;
            }
        }
        long amount = quantity == null ? 1 : quantity;
        if (amount < ActivityEvent.QUANTITY_MIN || amount > ActivityEvent.QUANTITY_MAX) {
            errors.add(new FieldError("quantity", "must be between " + ActivityEvent.QUANTITY_MIN + " and "
                    + ActivityEvent.QUANTITY_MAX));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new ActivityEvent(eventId, user, kind, at, (int) amount), List.of());
    }

    /**
     * Refuses a value holding the NUL character (U+0000), which no stored text may contain, with an error that says
     * so rather than a vaguer one from the field's own checks.
     */
    private static boolean refuseNul(String field, String value, List<FieldError> errors) {
        if (value != null && value.indexOf('\0') >= 0) {
            errors.add(new FieldError(field, NUL_REFUSAL));
            return true;
        }
        return false;
    }

    /** Whether the time lies in the years RFC 3339 can write (0001 to 9999); the parser takes far wider ones. */
    private static boolean inRfc3339Years(Instant at) {
        return !at.isBefore(FIRST_INSTANT) && at.isBefore(AFTER_LAST_INSTANT);
    }
}
