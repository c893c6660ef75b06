package circles.application.service.event;

import circles.application.port.in.event.DeliverCommittedEventsUseCase;
import circles.application.port.in.event.HandleDirectoryEventUseCase;
import circles.application.port.in.event.RedeliverDirectoryEventsUseCase;
import circles.application.port.out.event.DirectoryEventOutbox.PendingEvent;
import circles.application.port.out.event.DirectoryEventOutbox;
import circles.application.port.out.shared.UnitOfWork;
import circles.domain.directory.DirectoryEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Delivers the outbox's directory events to their handlers, at least once and in order per queue (one member's
 * events, or an org's org-wide ones). Each event is claimed, handled and marked handled in one transaction, so the
 * handler's writes commit together with the mark. When handling fails, that transaction rolls back and the event
 * stays pending with its attempt count, the error and a later time for the next attempt (doubling up to a maximum);
 * after the last attempt it is parked, logged as an error, and no longer holds back its queue.
 *
 * <p>Unlike the other use cases this is not one transaction: every event gets its own, so one failing handler holds
 * back only its own queue. It is therefore called outside a transaction (by the event relay's threads and job).
 */
public final class DirectoryEventRelayService implements DeliverCommittedEventsUseCase, RedeliverDirectoryEventsUseCase {
    /** At most this many events of one queue are delivered in one go after a commit. */
    static final int DRAIN_LIMIT = 1_000;
    private static final int PURGE_BATCH = 10_000;
    private static final int ERROR_MAX = 2_000;
    private static final System.Logger LOG = System.getLogger(DirectoryEventRelayService.class.getName());

    /**
     * How deliveries are retried: the first retry after {@code firstRetryAfter}, each further one after twice the
     * delay before, at most {@code maxRetryAfter}; parked at {@code maxAttempts}. A redelivery run takes at most
     * {@code redeliveryBatch} events; handled events are kept for {@code retention}.
     */
    public record Retries(Duration firstRetryAfter, Duration maxRetryAfter, int maxAttempts, int redeliveryBatch,
                          Duration retention) {
        public Retries {
            Objects.requireNonNull(firstRetryAfter, "firstRetryAfter");
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            Objects.requireNonNull(retention, "retention");
            if (!firstRetryAfter.isPositive() || maxRetryAfter.compareTo(firstRetryAfter) < 0) {
                throw new IllegalArgumentException("retry delays must be positive, the maximum at least the first");
            }
            if (maxAttempts < 1 || redeliveryBatch < 1) {
                throw new IllegalArgumentException("max attempts and the redelivery batch must be positive");
            }
        }

        /** The wait after the {@code attempts}-th failed attempt. */
        public Duration delayAfter(int attempts) {
            Duration delay = firstRetryAfter;
            for (int i = 1; i < attempts && delay.compareTo(maxRetryAfter) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : delay;
        }
    }

    private enum Outcome { NONE, DELIVERED, FAILED, PARKED }

    private final UnitOfWork tx;
    private final DirectoryEventOutbox outbox;
    private final Iterable<HandleDirectoryEventUseCase> handlers;
    private final Clock clock;
    private final Retries retries;

    public DirectoryEventRelayService(UnitOfWork tx, DirectoryEventOutbox outbox,
                                      Iterable<HandleDirectoryEventUseCase> handlers, Clock clock, Retries retries) {
        this.tx = tx;
        this.outbox = outbox;
        this.handlers = handlers;
        this.clock = clock;
        this.retries = retries;
    }

    @Override
    public void deliver(Set<DirectoryEventOutbox.Queue> queues) {
        for (DirectoryEventOutbox.Queue queue : queues) {
            try {
                drain(queue);
            } catch (RuntimeException failure) {
                LOG.log(System.Logger.Level.WARNING, "delivering the directory events of " + queue
                        + " after commit failed; the redelivery job retries", failure);
            }
        }
    }

    private void drain(DirectoryEventOutbox.Queue queue) {
        for (int i = 0; i < DRAIN_LIMIT; i++) {
            Outcome outcome = deliverOne(() -> outbox.claimHead(queue, clock.instant()));
            if (outcome == Outcome.NONE || outcome == Outcome.FAILED) {
                return;
            }
        }
    }

    @Override
    public DirectoryEventOutbox.Report redeliver() {
        int delivered = 0;
        int failed = 0;
        int parked = 0;
        for (int i = 0; i < retries.redeliveryBatch(); i++) {
            Outcome outcome = deliverOne(() -> outbox.claimNextDue(clock.instant()));
            if (outcome == Outcome.NONE) {
                break;
            }
            switch (outcome) {
                case DELIVERED -> delivered++;
                case FAILED -> failed++;
                case PARKED -> parked++;
                case NONE -> {
                }
            }
        }
        Instant cutoff = clock.instant().minus(retries.retention());
        int purged = tx.inTransaction(() -> outbox.purgeHandledBefore(cutoff, PURGE_BATCH));
        return new DirectoryEventOutbox.Report(delivered, failed, parked, purged);
    }

    /** Claims one event, hands it to every handler and marks it handled in one transaction; a failure in another. */
    private Outcome deliverOne(Supplier<Optional<PendingEvent>> claim) {
        AtomicReference<PendingEvent> claimed = new AtomicReference<>();
        try {
            boolean any = tx.inTransaction(() -> {
                Optional<PendingEvent> next = claim.get();
                if (next.isEmpty()) {
                    return false;
                }
                claimed.set(next.get());
                DirectoryEvent event = next.get().event();
                for (HandleDirectoryEventUseCase handler : handlers) {
                    handler.handle(event);
                }
                outbox.markHandled(next.get(), clock.instant());
                return true;
            });
            return any ? Outcome.DELIVERED : Outcome.NONE;
        } catch (RuntimeException failure) {
            PendingEvent event = claimed.get();
            if (event == null) {
                throw failure;
            }
            return recordFailure(event, failure) ? Outcome.PARKED : Outcome.FAILED;
        }
    }

    /** @return whether the event was parked (given up on) */
    private boolean recordFailure(PendingEvent event, RuntimeException failure) {
        int attempts = event.attempts() + 1;
        boolean park = attempts >= retries.maxAttempts();
        Instant now = clock.instant();
        Duration delay = retries.delayAfter(attempts);
        String error = failure.toString();
        String stored = error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error;
        tx.run(() -> outbox.recordFailure(event,
                new DirectoryEventOutbox.Failure(attempts, stored, now, now.plus(delay), park)));
        if (park) {
            LOG.log(System.Logger.Level.ERROR, "directory event " + event.id() + " (" + event.queue() + ") failed "
                    + attempts + " times and is parked; its handlers missed it", failure);
        } else {
            LOG.log(System.Logger.Level.WARNING, "directory event {0} ({1}) failed (attempt {2}), retried in {3}: {4}",
                    event.id(), event.queue(), attempts, delay, error);
        }
        return park;
    }
}
