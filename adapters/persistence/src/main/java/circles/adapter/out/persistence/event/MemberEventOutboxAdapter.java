package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.event.MemberEventConsumer;
import circles.application.port.out.event.MemberEventOutbox;
import circles.domain.org.OrgId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Delivers the outbox's directory events to every {@link MemberEventConsumer} bean, at least once and in order per
 * member. Each event is claimed ({@code FOR UPDATE SKIP LOCKED}, so no two instances deliver it at once), handed to
 * the consumers and marked handled in one transaction: a consumer's own writes commit together with the mark. When a
 * consumer fails, that transaction rolls back and the event stays pending with its attempt count, the error and a
 * later time for the next attempt (doubling up to a maximum); after the last attempt it is parked, logged as an
 * error and no longer holds back the member's later events.
 *
 * <p>Right after a commit the touched members' queues are drained on a small thread pool; the redelivery job
 * ({@link #redeliverDue()}) takes whatever is left, e.g. after a crash between commit and delivery.
 */
@ApplicationScoped
public class MemberEventOutboxAdapter implements MemberEventOutbox {
    /** The queue key of events about a whole org rather than one member (an import). */
    static final String ORG_WIDE = "";
    private static final Logger LOG = Logger.getLogger(MemberEventOutboxAdapter.class);
    /** At most this many events of one queue are delivered in one go after a commit. */
    private static final int DRAIN_LIMIT = 1_000;
    private static final int PURGE_BATCH = 10_000;
    private static final int ERROR_MAX = 2_000;
    private static final String PENDING = "e.handled_at is null and e.parked_at is null";
    private static final String COLUMNS = "select e.id, e.org_id, e.member_key, e.type, e.payload::text, e.attempts"
            + " from member_events e where ";

    /** The events of one member (or of a whole org) of one org, delivered in order. */
    record Queue(UUID orgId, String memberKey) {
    }

    private record Claimed(UUID id, UUID orgId, String memberKey, String type, String payload, int attempts) {
    }

    private enum Outcome { NONE, DELIVERED, FAILED, PARKED }

    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final Instance<MemberEventConsumer> consumers;
    private final Clock clock;
    private final Duration firstRetryAfter;
    private final Duration maxRetryAfter;
    private final int maxAttempts;
    private final int redeliveryBatch;
    private final Duration retention;
    private final ExecutorService afterCommit;

    @Inject
    MemberEventOutboxAdapter(EntityManager em, TenantScopeAdapter scope, @Any Instance<MemberEventConsumer> consumers,
                             Clock clock,
                             @ConfigProperty(name = "circles.member-events.first-retry-after", defaultValue = "5s")
                             Duration firstRetryAfter,
                             @ConfigProperty(name = "circles.member-events.max-retry-after", defaultValue = "10m")
                             Duration maxRetryAfter,
                             @ConfigProperty(name = "circles.member-events.max-attempts", defaultValue = "20")
                             int maxAttempts,
                             @ConfigProperty(name = "circles.member-events.redelivery-batch", defaultValue = "500")
                             int redeliveryBatch,
                             @ConfigProperty(name = "circles.member-events.retention", defaultValue = "7d")
                             Duration retention,
                             @ConfigProperty(name = "circles.member-events.delivery-threads", defaultValue = "2")
                             int deliveryThreads) {
        this.em = em;
        this.scope = scope;
        this.consumers = consumers;
        this.clock = clock;
        this.firstRetryAfter = firstRetryAfter;
        this.maxRetryAfter = maxRetryAfter;
        this.maxAttempts = maxAttempts;
        this.redeliveryBatch = redeliveryBatch;
        this.retention = retention;
        this.afterCommit = Executors.newFixedThreadPool(deliveryThreads, named("member-events-"));
    }

    /** Delivers the queues a transaction touched, right after its commit, without holding up the caller. */
    void deliverSoon(Set<Queue> queues) {
        try {
            afterCommit.execute(() -> queues.forEach(this::drain));
        } catch (RejectedExecutionException shuttingDown) {
            // The events stay pending; the redelivery job delivers them.
        }
    }

    private void drain(Queue queue) {
        try {
            for (int i = 0; i < DRAIN_LIMIT; i++) {
                Outcome outcome = deliverOne(() -> claimHead(queue));
                if (outcome == Outcome.NONE || outcome == Outcome.FAILED) {
                    return;
                }
            }
        } catch (RuntimeException failure) {
            LOG.warnf(failure, "delivering the member events of %s after commit failed; the redelivery job retries",
                    queue);
        }
    }

    @Override
    public Report redeliverDue() {
        int delivered = 0;
        int failed = 0;
        int parked = 0;
        for (int i = 0; i < redeliveryBatch; i++) {
            Outcome outcome = deliverOne(this::claimNextDue);
            if (outcome == Outcome.NONE) {
                break;
            }
            switch (outcome) {
                case DELIVERED -> delivered++;
                case FAILED -> failed++;
                case PARKED -> parked++;
                default -> {
                }
            }
        }
        return new Report(delivered, failed, parked, purgeHandled());
    }

    /**
     * Claims one event, delivers it and marks it handled in one transaction; a failure is recorded in another.
     */
    private Outcome deliverOne(Supplier<Optional<Claimed>> claim) {
        AtomicReference<Claimed> claimed = new AtomicReference<>();
        try {
            boolean any = QuarkusTransaction.requiringNew().call(() -> {
                Optional<Claimed> next = claim.get();
                if (next.isEmpty()) {
                    return false;
                }
                claimed.set(next.get());
                deliver(next.get());
                markHandled(next.get());
                return true;
            });
            return any ? Outcome.DELIVERED : Outcome.NONE;
        } catch (RuntimeException failure) {
            Claimed event = claimed.get();
            if (event == null) {
                throw failure;
            }
            return recordFailure(event, failure) ? Outcome.PARKED : Outcome.FAILED;
        }
    }

    /** The head of one member's queue, if it is due and nobody else is delivering it. */
    private Optional<Claimed> claimHead(Queue queue) {
        scope.enter(new OrgId(queue.orgId()));
        return first(em.createNativeQuery(COLUMNS + "e.org_id = :org and e.member_key = :member and " + PENDING
                        + " and e.next_attempt_at <= :now"
                        + " and e.seq = (select min(h.seq) from member_events h where h.org_id = :org"
                        + " and h.member_key = :member and h.handled_at is null and h.parked_at is null)"
                        + " for update of e skip locked")
                .setParameter("org", queue.orgId())
                .setParameter("member", queue.memberKey())
                .setParameter("now", clock.instant())
                .getResultList());
    }

    /** The oldest due event of any org that is the head of its queue and that nobody else is delivering. */
    private Optional<Claimed> claimNextDue() {
        Optional<Claimed> claimed = scope.acrossOrgs(() -> first(em.createNativeQuery(COLUMNS + PENDING
                        + " and e.next_attempt_at <= :now"
                        + " and not exists (select 1 from member_events h where h.org_id = e.org_id"
                        + " and h.member_key = e.member_key and h.seq < e.seq"
                        + " and h.handled_at is null and h.parked_at is null)"
                        + " order by e.seq limit 1 for update of e skip locked")
                .setParameter("now", clock.instant())
                .getResultList()));
        claimed.ifPresent(event -> scope.enter(new OrgId(event.orgId())));
        return claimed;
    }

    private static Optional<Claimed> first(List<?> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.getFirst();
        return Optional.of(new Claimed((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                (String) row[4], ((Number) row[5]).intValue()));
    }

    private void deliver(Claimed event) {
        switch (event.type()) {
            case MemberEventPayloads.MEMBER_CHANGED -> {
                var change = MemberEventPayloads.readMemberChanged(event.payload());
                for (MemberEventConsumer consumer : consumers) {
                    consumer.onMemberChanged(change);
                }
            }
            case MemberEventPayloads.MEMBERS_IMPORTED -> {
                var imported = MemberEventPayloads.readMembersImported(event.payload());
                for (MemberEventConsumer consumer : consumers) {
                    consumer.onMembersImported(imported);
                }
            }
            case MemberEventPayloads.MASTER_DATA_TREE_CHANGED -> {
                var changed = MemberEventPayloads.readMasterDataTreeChanged(event.payload());
                for (MemberEventConsumer consumer : consumers) {
                    consumer.onMasterDataTreeChanged(changed);
                }
            }
            case MemberEventPayloads.GROUP_MEMBERSHIP_CHANGED -> {
                var changed = MemberEventPayloads.readGroupMembershipChanged(event.payload());
                for (MemberEventConsumer consumer : consumers) {
                    consumer.onGroupMembershipChanged(changed);
                }
            }
            case MemberEventPayloads.ACTIVITY_RECORDED -> {
                var recorded = MemberEventPayloads.readActivityRecorded(event.payload());
                for (MemberEventConsumer consumer : consumers) {
                    consumer.onActivityRecorded(recorded);
                }
            }
            default -> throw new IllegalStateException("unknown member event type " + event.type());
        }
    }

    private void markHandled(Claimed event) {
        em.createNativeQuery("update member_events set handled_at = :now, attempts = attempts + 1,"
                        + " last_error = null where id = :id")
                .setParameter("now", clock.instant())
                .setParameter("id", event.id())
                .executeUpdate();
    }

    /** @return whether the event was parked (given up on) */
    private boolean recordFailure(Claimed event, RuntimeException failure) {
        int attempts = event.attempts() + 1;
        boolean park = attempts >= maxAttempts;
        Instant now = clock.instant();
        String error = failure.toString();
        String stored = error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error;
        QuarkusTransaction.requiringNew().run(() -> {
            scope.enter(new OrgId(event.orgId()));
            em.createNativeQuery("update member_events set attempts = :attempts, last_error = :error,"
                            + " next_attempt_at = :next, parked_at = :parked where id = :id and handled_at is null")
                    .setParameter("attempts", attempts)
                    .setParameter("error", stored)
                    .setParameter("next", now.plus(retryDelay(attempts)))
                    .setParameter("parked", park ? now : null)
                    .setParameter("id", event.id())
                    .executeUpdate();
        });
        if (park) {
            LOG.errorf(failure, "member event %s (org %s, member '%s') failed %d times and is parked; its consumers"
                    + " missed it", event.id(), event.orgId(), event.memberKey(), attempts);
        } else {
            LOG.warnf("member event %s (org %s, member '%s') failed (attempt %d), retried in %s: %s", event.id(),
                    event.orgId(), event.memberKey(), attempts, retryDelay(attempts), error);
        }
        return park;
    }

    /** {@code firstRetryAfter}, doubled with every further failure, at most {@code maxRetryAfter}. */
    Duration retryDelay(int attempts) {
        Duration delay = firstRetryAfter;
        for (int i = 1; i < attempts && delay.compareTo(maxRetryAfter) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : delay;
    }

    private int purgeHandled() {
        Instant cutoff = clock.instant().minus(retention);
        return QuarkusTransaction.requiringNew().call(() -> scope.acrossOrgs(() ->
                em.createNativeQuery("delete from member_events where id in (select id from member_events"
                                + " where handled_at < :cutoff limit " + PURGE_BATCH + ")")
                        .setParameter("cutoff", cutoff)
                        .executeUpdate()));
    }

    @PreDestroy
    void stop() {
        afterCommit.shutdown();
        try {
            if (!afterCommit.awaitTermination(5, TimeUnit.SECONDS)) {
                afterCommit.shutdownNow();
            }
        } catch (InterruptedException e) {
            afterCommit.shutdownNow();
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
