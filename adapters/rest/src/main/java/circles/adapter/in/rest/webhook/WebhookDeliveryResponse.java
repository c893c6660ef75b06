package circles.adapter.in.rest.webhook;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A delivery of the log: the event, where the delivery stands, and every attempt. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookDeliveryResponse(String id, String webhookId, String eventId, String eventType, String status,
                                      int attemptCount, String nextAttemptAt, String createdAt,
                                      List<Attempt> attempts) {

    /** One attempt: when, the receiver's status (null without an answer), how long, what failed, what came next. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Attempt(int attempt, String attemptedAt, Integer statusCode, long durationMs, String error,
                          String nextAttemptAt) {
    }

    public static WebhookDeliveryResponse of(WebhookDeliveryQueue.Logged delivery) {
        return new WebhookDeliveryResponse(delivery.id().toString(), delivery.webhookId().toString(),
                delivery.eventId().toString(), delivery.eventType(), Wire.name(delivery.status()),
                delivery.attemptCount(), Wire.time(delivery.nextAttemptAt()), Wire.time(delivery.createdAt()),
                delivery.attempts().stream().map(a -> new Attempt(a.attempt(), Wire.time(a.attemptedAt()),
                        a.statusCode(), a.durationMs(), a.error(), Wire.time(a.nextAttemptAt()))).toList());
    }
}
