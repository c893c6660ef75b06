package circles.application.port.out.webhook;

import circles.domain.webhook.WebhookSecret;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends one signed delivery attempt of an event to a webhook endpoint and says how it went. It never throws for
 * what the receiver or the network did: every failure is an outcome with its reason. It refuses, without
 * connecting, a target whose resolved addresses are not public (unless its host is allowed by configuration).
 */
public interface WebhookSender {

    Attempt send(Delivery delivery);

    /**
     * One attempt: the target URL, the secrets that sign it (current first) and the CloudEvent to send.
     */
    record Delivery(String url, List<WebhookSecret> secrets, Event event) {
        public Delivery {
            Objects.requireNonNull(url, "url");
            secrets = List.copyOf(secrets);
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("a delivery needs a signing secret");
            }
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String toString() {
            return "Delivery[url=" + url + ", event=" + event.id() + "]";
        }
    }

    /**
     * A CloudEvent as delivered: {@code source} is {@code /orgs/{orgId}}, {@code subject} the group or member id.
     * {@code thinData} and {@code dataref} replace {@code data} when the full event is too large to deliver: the
     * ids of what changed and a link to read it.
     */
    record Event(UUID id, String type, String source, String subject, Instant time, Map<String, Object> data,
                 Map<String, Object> thinData, String dataref) {
        public Event {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(time, "time");
            data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
            thinData = thinData == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(thinData));
        }
    }

    /** How an attempt went. */
    enum Outcome {
        /** A 2xx answer within the timeout. */
        DELIVERED,
        /** Any other answer, a redirect, a timeout or a network failure: worth another attempt later. */
        FAILED,
        /** 410 Gone: the receiver wants no more deliveries; the endpoint is to be disabled. */
        GONE,
        /** Not sent: the target is not a public address (or not https) and not allowed by configuration. */
        REFUSED
    }

    /**
     * The result of one attempt: the HTTP status when there was an answer, how long it took, the error in plain
     * words when it failed, and the receiver's {@code Retry-After} (on 429 and 503) when it gave one.
     */
    record Attempt(Outcome outcome, Integer statusCode, Duration duration, String error, Duration retryAfter,
                   boolean thin) {
        public Attempt {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(duration, "duration");
        }

        public boolean delivered() {
            return outcome == Outcome.DELIVERED;
        }
    }
}
