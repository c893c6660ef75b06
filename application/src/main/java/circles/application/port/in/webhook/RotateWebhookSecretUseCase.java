package circles.application.port.in.webhook;

import circles.domain.org.OrgId;

import java.util.UUID;

/**
 * Gives an endpoint a new signing secret, returned this once (org admins and it_admins). For the next 24 hours the
 * previous secret signs too, so a receiver verifying with either accepts every delivery meanwhile.
 */
public interface RotateWebhookSecretUseCase {
    CreateWebhookUseCase.IssuedWebhook rotate(OrgId orgId, UUID webhookId);
}
