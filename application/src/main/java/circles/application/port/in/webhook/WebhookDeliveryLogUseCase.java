package circles.application.port.in.webhook;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.UUID;

/**
 * The delivery log of an endpoint (org admins and it_admins): every delivery with its attempts, sending one again,
 * and sending again every delivery that failed since a time.
 */
public interface WebhookDeliveryLogUseCase {

    Page<WebhookDeliveryQueue.Logged> deliveries(OrgId orgId, UUID webhookId, WebhookDeliveryQueue.Status status,
                                                 PageRequest page);

    WebhookDeliveryQueue.Logged redeliver(OrgId orgId, UUID webhookId, UUID deliveryId);

    /** Returns how many failed deliveries are due again. */
    int replay(OrgId orgId, UUID webhookId, Instant since);
}
