package circles.application.port.in.webhook;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.webhook.Webhook;

import java.util.UUID;

/** Reads an org's webhook endpoints (org admins and it_admins); what is read never shows a secret. */
public interface ListWebhooksUseCase {
    Page<Webhook> list(OrgId orgId, PageRequest page);

    Webhook get(OrgId orgId, UUID webhookId);
}
