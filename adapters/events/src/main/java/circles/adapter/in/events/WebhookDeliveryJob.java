package circles.adapter.in.events;

import circles.application.port.in.webhook.DeliverWebhooksUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the webhook deliveries that are due (new ones and retries). Runs on every instance; the claims in the
 * database make sure one delivery is sent by one instance at a time.
 */
@ApplicationScoped
public class WebhookDeliveryJob {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveryJob.class);

    private final DeliverWebhooksUseCase deliver;
    private final int batch;

    @Inject
    public WebhookDeliveryJob(DeliverWebhooksUseCase deliver,
                              @ConfigProperty(name = "circles.webhooks.delivery.batch", defaultValue = "50") int batch) {
        this.deliver = deliver;
        this.batch = batch;
    }

    @Scheduled(identity = "webhook-delivery", every = "{circles.webhooks.delivery.every}",
            delayed = "{circles.webhooks.delivery.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int attempts = deliver.deliverDue(batch);
        if (attempts > 0) {
            LOG.debugf("webhooks: %d delivery attempts", attempts);
        }
    }
}
