package circles.application.port.out.event;

import circles.domain.actor.UserId;
import circles.domain.directory.DirectoryEvent;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The stored side of {@link DirectoryEvents}, as the relay that delivers the events needs it: pending events are
 * claimed one at a time, and a claim holds until the current transaction ends, so that a handler's writes and the
 * "handled" mark commit together and no other instance delivers the same event meanwhile. Every method runs in the
 * caller's transaction.
 */
public interface DirectoryEventOutbox {
    /**
     * The head of one queue, if it is due at {@code now} and nobody else is delivering it; empty when the queue is
     * empty, its head is not due yet, or another instance holds it.
     */
    Optional<PendingEvent> claimHead(Queue queue, Instant now);

    /** The oldest due event of any org that heads its queue and that nobody else is delivering. */
    Optional<PendingEvent> claimNextDue(Instant now);

    /** The claimed event was handled: it no longer holds back its queue. */
    void markHandled(PendingEvent event, Instant now);

    /**
     * A delivery of the event failed (its transaction rolled back): it stays pending until
     * {@link Failure#nextAttemptAt()}, or is given up on when {@link Failure#park()} and then no longer holds back its
     * queue.
     */
    void recordFailure(PendingEvent event, Failure failure);

    /** Deletes at most {@code limit} events handled before {@code cutoff}; returns how many. */
    int purgeHandledBefore(Instant cutoff, int limit);

    /**
     * The events of one member of one org, or the org-wide events of an org ({@code member} empty), delivered in the
     * order they were published.
     */
    record Queue(OrgId orgId, Optional<UserId> member) {
        public Queue {
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(member, "member");
        }

        public static Queue of(DirectoryEvent event) {
            return new Queue(event.orgId(), event.member());
        }
    }

    /**
     * A claimed event and the number of its deliveries that failed before. The event is read from its stored form
     * when asked, inside the delivery: a stored event that cannot be read fails its delivery like a failing handler,
     * and is parked in the end instead of stopping the relay.
     */
    record PendingEvent(UUID id, Queue queue, int attempts, Supplier<DirectoryEvent> stored) {
        public DirectoryEvent event() {
            return stored.get();
        }
    }

    /** What a failed delivery leaves: the attempts so far, the error, and when to try again, or that it is parked. */
    record Failure(int attempts, String error, Instant at, Instant nextAttemptAt, boolean park) {
    }

    /**
     * The queues a committed transaction published events to, announced right after the commit so that they are
     * delivered at once rather than by the next redelivery.
     */
    record Committed(Set<Queue> queues) {
        public Committed {
            queues = Set.copyOf(queues);
        }
    }

    /** {@code failed}: attempts that failed again (retried later); {@code parked}: events given up on. */
    record Report(int delivered, int failed, int parked, int purged) {
        public boolean isEmpty() {
            return delivered == 0 && failed == 0 && parked == 0 && purged == 0;
        }
    }
}
