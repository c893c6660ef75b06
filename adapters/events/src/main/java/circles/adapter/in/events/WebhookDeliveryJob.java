package circles.adapter.in.events;

import circles.application.port.in.webhook.DeliverWebhooksUseCase;
import circles.application.port.in.webhook.RelayPublicEventsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns new public events into webhook deliveries (the relay), then sends the deliveries that are due (new ones and
 * retries). Runs on every instance; locks and claims in the database make sure one org is relayed, and one delivery
 * sent, by one instance at a time.
 */
@ApplicationScoped
public class WebhookDeliveryJob {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveryJob.class);
    /** Events of one org relayed per run, at most. */
    private static final int RELAY_LIMIT = 500;

    private final RelayPublicEventsUseCase relay;
    private final DeliverWebhooksUseCase deliver;
    private final int batch;

    @Inject
    public WebhookDeliveryJob(RelayPublicEventsUseCase relay, DeliverWebhooksUseCase deliver,
                              @ConfigProperty(name = "circles.webhooks.delivery.batch", defaultValue = "50") int batch) {
        this.relay = relay;
        this.deliver = deliver;
        this.batch = batch;
    }

    @Scheduled(identity = "webhook-delivery", every = "{circles.webhooks.delivery.every}",
            delayed = "{circles.webhooks.delivery.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        relay.relay(RELAY_LIMIT);
        int attempts = deliver.deliverDue(batch);
        if (attempts > 0) {
            LOG.debugf("webhooks: %d delivery attempts", attempts);
        }
    }
}
