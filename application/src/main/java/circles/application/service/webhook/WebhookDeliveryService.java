package circles.application.service.webhook;

import circles.application.port.in.webhook.DeliverWebhooksUseCase;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookRepository;
import circles.application.port.out.webhook.WebhookSender;
import circles.domain.webhook.RetrySchedule;
import circles.domain.webhook.Webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers claimed webhook deliveries. The claim and the record of its attempt are short transactions of their own;
 * the HTTP request runs between them, outside any transaction. The lease of a claim outlasts the longest attempt
 * ({@code lease}), so that no other instance claims a delivery while it is being sent, and a delivery whose
 * instance died is claimed again once the lease has passed.
 */
public final class WebhookDeliveryService implements DeliverWebhooksUseCase {
    private final UnitOfWork tx;
    private final TenantScope tenant;
    private final WebhookDeliveryQueue queue;
    private final WebhookRepository webhooks;
    private final WebhookSender sender;
    private final RetrySchedule schedule;
    private final Duration lease;
    private final Clock clock;

    public WebhookDeliveryService(UnitOfWork tx, TenantScope tenant, WebhookDeliveryQueue queue,
                                  WebhookRepository webhooks, WebhookSender sender, RetrySchedule schedule,
                                  Duration lease, Clock clock) {
        this.tx = tx;
        this.tenant = tenant;
        this.queue = queue;
        this.webhooks = webhooks;
        this.sender = sender;
        this.schedule = schedule;
        this.lease = lease;
        this.clock = clock;
    }

    @Override
    public int deliverDue(int max) {
        int attempts = 0;
        while (attempts < max) {
            Optional<WebhookDeliveryQueue.Claimed> next = tx.inTransaction(() -> queue.claimNext(clock.instant(), lease));
            if (next.isEmpty()) {
                break;
            }
            deliver(next.get());
            attempts++;
        }
        return attempts;
    }

    private void deliver(WebhookDeliveryQueue.Claimed claimed) {
        Optional<Webhook> endpoint = tx.inTransaction(() -> {
            tenant.enter(claimed.orgId());
            return webhooks.find(claimed.orgId(), claimed.webhookId());
        });
        Instant started = clock.instant();
        if (endpoint.isEmpty() || !endpoint.get().enabled()) {
            WebhookSender.Attempt skipped = new WebhookSender.Attempt(WebhookSender.Outcome.REFUSED, null,
                    Duration.ZERO, "the endpoint is disabled", null, false);
            tx.run(() -> queue.record(claimed, skipped, started, null));
            return;
        }
        Webhook webhook = endpoint.get();
        WebhookSender.Attempt attempt = sender.send(new WebhookSender.Delivery(webhook.url(),
                webhook.signingSecrets(started), claimed.event()));
        Instant finished = clock.instant();
        Instant nextAttempt = switch (attempt.outcome()) {
            case DELIVERED, GONE, REFUSED -> null;
            case FAILED -> schedule.next(claimed.attemptsBefore() + 1, finished, attempt.retryAfter()).orElse(null);
        };
        tx.run(() -> {
            if (!queue.record(claimed, attempt, started, nextAttempt)) {
                return;
            }
            tenant.enter(claimed.orgId());
            webhooks.find(claimed.orgId(), claimed.webhookId()).ifPresent(current -> {
                switch (attempt.outcome()) {
                    case DELIVERED -> current.deliverySucceeded();
                    case GONE -> current.disable("the receiver answered 410 Gone", finished);
                    case FAILED, REFUSED -> current.deliveryFailed(finished);
                }
                webhooks.save(current);
            });
        });
    }
}
