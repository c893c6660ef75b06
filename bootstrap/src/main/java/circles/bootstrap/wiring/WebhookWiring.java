package circles.bootstrap.wiring;

import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookRepository;
import circles.application.port.out.webhook.WebhookSender;
import circles.application.port.out.webhook.WebhookUrlPolicy;
import circles.application.service.access.Access;
import circles.application.service.webhook.WebhookService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Webhook endpoints of an org: their management and test deliveries. */
@ApplicationScoped
public class WebhookWiring {

    @Produces
    @Singleton
    WebhookService webhookService(UnitOfWork tx, Access access, WebhookRepository webhooks, GroupRepository groups,
                                  WebhookUrlPolicy urlPolicy, WebhookSender sender, AuditLog audit, Clock clock) {
        return new WebhookService(tx, access, webhooks, groups, urlPolicy, sender, audit, clock);
    }
}
