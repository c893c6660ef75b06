package circles.adapter.in.events;

import circles.application.port.in.webhook.DeliverWebhooksUseCase;
import circles.application.port.in.webhook.RelayPublicEventsUseCase;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Sends webhook deliveries as soon as there are some, on threads of its own rather than on the scheduler's tick:
 * <ul>
 *   <li>the relay thread turns new public events into deliveries, looking again after
 *   {@code circles.webhooks.relay.interval} when it found nothing (at once when it did), and wakes the senders
 *   whenever it queued deliveries;</li>
 *   <li>{@code circles.webhooks.delivery.workers} sender threads each claim up to {@code circles.webhooks.delivery.batch}
 *   due deliveries and send them in parallel; a sender that found nothing waits for the relay's signal or, failing
 *   that, looks again after a pause that doubles while there is nothing to do, up to
 *   {@code circles.webhooks.delivery.idle-max} (which is how deliveries queued by another instance, and retries that
 *   fall due, are found).</li>
 * </ul>
 * Every instance runs these; claims and leases in the database make sure one delivery is sent by one instance at a
 * time, and the relay's lock that one org is relayed by one instance at a time. Off when
 * {@code circles.webhooks.delivery.enabled} is false (tests drive the use cases themselves).
 */
@ApplicationScoped
public class WebhookDeliveryWorker {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveryWorker.class);
    /** Events of one org relayed per pass, at most. */
    private static final int RELAY_LIMIT = 1000;
    /** The first pause of an idle sender; it doubles up to the configured maximum. */
    private static final Duration IDLE_MIN = Duration.ofMillis(10);

    private final RelayPublicEventsUseCase relay;
    private final DeliverWebhooksUseCase deliver;
    private final boolean enabled;
    private final int batch;
    private final int workers;
    private final Duration relayInterval;
    private final Duration idleMax;
    private final Semaphore wakeUps = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    @Inject
    public WebhookDeliveryWorker(RelayPublicEventsUseCase relay, DeliverWebhooksUseCase deliver,
                                 @ConfigProperty(name = "circles.webhooks.delivery.enabled") boolean enabled,
                                 @ConfigProperty(name = "circles.webhooks.delivery.batch") int batch,
                                 @ConfigProperty(name = "circles.webhooks.delivery.workers") int workers,
                                 @ConfigProperty(name = "circles.webhooks.relay.interval") Duration relayInterval,
                                 @ConfigProperty(name = "circles.webhooks.delivery.idle-max") Duration idleMax) {
        if (batch < 1 || workers < 1) {
            throw new IllegalArgumentException("circles.webhooks.delivery.batch and .workers must be at least 1");
        }
        this.relay = relay;
        this.deliver = deliver;
        this.enabled = enabled;
        this.batch = batch;
        this.workers = workers;
        this.relayInterval = relayInterval;
        this.idleMax = idleMax.compareTo(IDLE_MIN) < 0 ? IDLE_MIN : idleMax;
    }

    void start(@Observes StartupEvent started) {
        if (!enabled) {
            return;
        }
        running = true;
        threads.add(Thread.ofPlatform().daemon().name("webhook-relay").start(this::relayLoop));
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().daemon().name("webhook-sender-" + i).start(this::sendLoop));
        }
        LOG.infof("webhooks: relay every %s when idle; %d senders, batches of %d", relayInterval, workers, batch);
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void relayLoop() {
        while (running) {
            int queued = step(() -> relay.relay(RELAY_LIMIT), "relaying public events");
            if (queued > 0) {
                if (wakeUps.availablePermits() < workers) {
                    wakeUps.release(workers);
                }
                continue;
            }
            if (!pause(relayInterval)) {
                return;
            }
        }
    }

    private void sendLoop() {
        Duration idle = IDLE_MIN;
        while (running) {
            int attempts = step(() -> deliver.deliverDue(batch), "sending deliveries");
            if (attempts > 0) {
                LOG.debugf("webhooks: %d delivery attempts", attempts);
                idle = IDLE_MIN;
                continue;
            }
            try {
                if (wakeUps.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS)) {
                    idle = IDLE_MIN;
                } else {
                    idle = idle.multipliedBy(2).compareTo(idleMax) > 0 ? idleMax : idle.multipliedBy(2);
                }
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /**
     * One pass of a loop in a request context of its own (as a scheduled job would have); a failure is logged and
     * counts as nothing done, followed by a pause, so that a database outage does not spin.
     */
    private int step(IntSupplier work, String what) {
        ManagedContext context = Arc.container().requestContext();
        context.activate();
        try {
            return work.getAsInt();
        } catch (RuntimeException failure) {
            if (running) {
                LOG.warnf(failure, "webhooks: %s failed; trying again", what);
                pause(idleMax);
            }
            return 0;
        } finally {
            context.terminate();
        }
    }

    private boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            return false;
        }
    }
}
