package circles.adapter.in.scheduler;

import circles.application.port.in.webhook.PurgeWebhookDeliveriesUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Deletes finished webhook deliveries (delivered or failed) older than {@code circles.webhooks.retention}, with their
 * attempts, in slices, on the configured interval.
 */
@ApplicationScoped
public class WebhookDeliveryRetentionJob {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveryRetentionJob.class);

    private final PurgeWebhookDeliveriesUseCase purge;

    @Inject
    public WebhookDeliveryRetentionJob(PurgeWebhookDeliveriesUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(identity = "webhook-delivery-retention", every = "{circles.webhooks.retention-job.every}",
            delayed = "{circles.webhooks.retention-job.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int purged = purge.purgeFinished();
        if (purged > 0) {
            LOG.infof("webhook delivery retention: deleted %d finished deliveries", purged);
        }
    }
}
