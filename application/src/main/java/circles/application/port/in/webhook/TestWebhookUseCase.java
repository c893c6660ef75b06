package circles.application.port.in.webhook;

import circles.application.port.out.webhook.WebhookSender;
import circles.domain.org.OrgId;

import java.util.UUID;

/**
 * Sends a {@code circles.webhook.ping} event to an endpoint now, signed like every delivery, and answers how the
 * attempt went; the attempt is kept in the endpoint's delivery log (org admins and it_admins). It is sent whatever the endpoint's event types, also when disabled.
 */
public interface TestWebhookUseCase {
    TestResult test(OrgId orgId, UUID webhookId);

    record TestResult(UUID eventId, UUID deliveryId, WebhookSender.Attempt attempt) {
    }
}
