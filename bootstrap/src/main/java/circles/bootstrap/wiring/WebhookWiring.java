package circles.bootstrap.wiring;

import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookRelayPositions;
import circles.application.port.out.webhook.WebhookRepository;
import circles.application.port.out.webhook.WebhookSender;
import circles.application.port.out.webhook.WebhookUrlPolicy;
import circles.application.service.access.Access;
import circles.application.service.webhook.WebhookDeliveryRetentionService;
import circles.application.service.webhook.WebhookDeliveryService;
import circles.application.service.webhook.WebhookRelayService;
import circles.application.service.webhook.WebhookService;
import circles.domain.webhook.RetrySchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** Webhook endpoints of an org: their management, test deliveries and the sending of due deliveries. */
@ApplicationScoped
public class WebhookWiring {

    @ConfigProperty(name = "circles.webhooks.timeout", defaultValue = "15s")
    Duration timeout;

    @ConfigProperty(name = "circles.webhooks.delivery.concurrency")
    int concurrency;

    @ConfigProperty(name = "circles.webhooks.delivery.batch-wait")
    Duration batchWait;

    @ConfigProperty(name = "circles.webhooks.retention")
    Duration retention;

    @ConfigProperty(name = "circles.webhooks.retention-slice")
    int retentionSlice;

    @ConfigProperty(name = "circles.events.retention", defaultValue = "7d")
    Duration eventRetention;

    @Produces
    @Singleton
    WebhookService webhookService(UnitOfWork tx, Access access, WebhookRepository webhooks, GroupRepository groups,
                                  WebhookUrlPolicy urlPolicy, WebhookSender sender,
                                  WebhookRelayPositions relayPositions, WebhookDeliveryQueue queue,
                                  PublicEventLog eventLog, AuditLog audit, Clock clock) {
        return new WebhookService(tx, access, webhooks, groups, urlPolicy, sender, relayPositions, queue, eventLog,
                audit, clock, eventRetention);
    }

    @Produces
    @Singleton
    WebhookRelayService webhookRelayService(UnitOfWork tx, WebhookRelayPositions positions, PublicEventLog eventLog,
                                            WebhookRepository webhooks, WebhookDeliveryQueue queue, Clock clock) {
        return new WebhookRelayService(tx, positions, eventLog, webhooks, queue, clock);
    }

    /** Finished deliveries are kept for {@code circles.webhooks.retention}, then purged in slices. */
    @Produces
    @Singleton
    WebhookDeliveryRetentionService webhookDeliveryRetentionService(UnitOfWork tx, WebhookDeliveryQueue queue,
                                                                    Clock clock) {
        return new WebhookDeliveryRetentionService(tx, queue, retention, retentionSlice, clock);
    }

    /**
     * A claim's lease outlasts the longest attempt several times over; at most
     * {@code circles.webhooks.delivery.concurrency} attempts are in flight at once, and a batch waits at most
     * {@code circles.webhooks.delivery.batch-wait} for its slowest attempts.
     */
    @Produces
    @Singleton
    WebhookDeliveryService webhookDeliveryService(UnitOfWork tx, TenantScope tenant, WebhookDeliveryQueue queue,
                                                  WebhookRepository webhooks, WebhookSender sender, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new WebhookDeliveryService(tx, tenant, queue, webhooks, sender, new RetrySchedule(random::nextDouble),
                timeout.multipliedBy(4), concurrency, batchWait, clock);
    }

    /** The threads of attempts under way stop with the application (their leases let another instance retry). */
    void closeDeliveries(@jakarta.enterprise.inject.Disposes WebhookDeliveryService deliveries) {
        deliveries.close();
    }
}
