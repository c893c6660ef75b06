package circles.adapter.in.events;

import circles.application.port.in.event.DeliverCommittedEventsUseCase;
import circles.application.port.out.event.DirectoryEventOutbox;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the events a transaction published right after it commits, on a small thread pool of its own so that the
 * caller is not held up: the outbox announces the queues it wrote to, and they are drained here. What this misses
 * (the pool is shutting down, a handler fails) stays pending for {@link DirectoryEventRedeliveryJob}.
 */
@ApplicationScoped
public class AfterCommitDelivery {
    private final DeliverCommittedEventsUseCase deliver;
    private final ExecutorService pool;

    @Inject
    public AfterCommitDelivery(DeliverCommittedEventsUseCase deliver,
                               @ConfigProperty(name = "circles.member-events.delivery-threads", defaultValue = "2")
                               int deliveryThreads) {
        this.deliver = deliver;
        this.pool = Executors.newFixedThreadPool(deliveryThreads, named("member-events-"));
    }

    void committed(@Observes DirectoryEventOutbox.Committed committed) {
        try {
            pool.execute(() -> deliver.deliver(committed.queues()));
        } catch (RejectedExecutionException shuttingDown) {
            // The events stay pending; the redelivery job delivers them.
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
