package circles.adapter.in.rest.webhook;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.webhook.TestWebhookUseCase;
import circles.application.port.out.webhook.WebhookSender;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a test delivery went: {@code outcome} is {@code delivered}, {@code failed}, {@code gone} (the receiver
 * answered 410) or {@code refused} (the URL is not allowed, nothing was sent).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookTestResponse(String eventId, String deliveryId, boolean delivered, String outcome, Integer statusCode,
                                  long durationMs, String error) {

    public static WebhookTestResponse of(TestWebhookUseCase.TestResult result) {
        WebhookSender.Attempt attempt = result.attempt();
        return new WebhookTestResponse(result.eventId().toString(), result.deliveryId().toString(),
                attempt.delivered(), Wire.name(attempt.outcome()),
                attempt.statusCode(), attempt.duration().toMillis(), attempt.error());
    }
}
