package circles.application.port.in.webhook;

import circles.domain.org.OrgId;

import java.util.UUID;

/** Removes an endpoint (org admins and it_admins): nothing more is sent to it. */
public interface DeleteWebhookUseCase {
    void delete(OrgId orgId, UUID webhookId);
}
