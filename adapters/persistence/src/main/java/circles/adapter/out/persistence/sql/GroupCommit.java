package circles.adapter.out.persistence.sql;

import circles.application.port.out.shared.TemporarilyUnavailable;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: writes that arrive while {@code inFlight} commits of their lane (an org) are in flight wait for one
 * of them to end and are then written together, in one transaction, by one of the waiting callers (the leader, the
 * oldest waiting). Each
 * caller returns only after the transaction holding its write has committed, or throws what its write alone would
 * have thrown: a failed batch is written again one item at a time, each in its own transaction, so one bad item
 * (a duplicate name, say) fails alone and the others still commit. A failure that passes by itself (the database
 * unreachable) fails the whole batch at once, since each item alone would meet it too.
 * <p>
 * No thread of its own: callers block anyway until their write is durable, and the leader writes for the others.
 * With {@code inFlight} above one, a lane has up to that many leaders at once, each writing its own batch in its own
 * transaction: the CPU prepares the next batch while another waits for its commit to be flushed.
 * A lane holds at most {@code capacity} waiting items; beyond that a caller is refused at once as temporarily
 * unavailable. With {@code maxWait} zero a lone write starts as soon as the previous commit of its lane ends;
 * otherwise the leader waits up to {@code maxWait} for a full batch.
 *
 * @param <K> the lane key: items of different lanes are never written together
 * @param <T> an item to write
 */
public final class GroupCommit<K, T> {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Writes items in a transaction of its own, all or none; throws (untranslated or translated) when it fails. */
    @FunctionalInterface
    public interface Writer<K, T> {
        void write(K lane, List<T> items);
    }

    private final Writer<K, T> writer;
    private final int maxSize;
    private final long maxWaitNanos;
    private final int capacity;
    private final int inFlight;
    private final Map<K, Lane> lanes = new ConcurrentHashMap<>();

    public GroupCommit(Writer<K, T> writer, int maxSize, Duration maxWait, int capacity) {
        this(writer, maxSize, maxWait, capacity, 1);
    }

    public GroupCommit(Writer<K, T> writer, int maxSize, Duration maxWait, int capacity, int inFlight) {
        if (maxSize < 1 || capacity < 1 || maxWait.isNegative() || inFlight < 1) {
            throw new IllegalArgumentException("a batch holds one item or more, a lane at least one, waits are >= 0,"
                    + " at least one batch is in flight");
        }
        this.inFlight = inFlight;
        this.writer = writer;
        this.maxSize = maxSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.capacity = capacity;
    }

    /** Writes {@code item} durably (alone or with others of its lane), or throws what it alone would have met. */
    public void write(K key, T item) {
        Lane lane = lanes.computeIfAbsent(key, Lane::new);
        Pending<T> pending = new Pending<>(item);
        if (lane.enqueue(pending)) {
            lane.lead(pending);
        } else if (outcome(pending)) {
            // Handed the lead (and taken off the queue): this item heads the next batch, its outcome still to come.
            pending.turn = new CompletableFuture<>();
            lane.lead(pending);
        } else {
            return;
        }
        outcome(pending);
    }

    /** True when the caller is to lead; false when its item is committed; throws its failure. */
    private static boolean outcome(Pending<?> pending) {
        try {
            return pending.turn.join();
        } catch (CompletionException failed) {
            throw (RuntimeException) failed.getCause();
        }
    }

    private static final class Pending<T> {
        final T item;
        /**
         * Completed with true: lead the next batch; with false: committed; exceptionally: its failure. Replaced by its
         * own caller when handed the lead (before its item heads a batch), for the item's outcome.
         */
        volatile CompletableFuture<Boolean> turn = new CompletableFuture<>();

        Pending(T item) {
            this.item = item;
        }
    }

    private final class Lane {
        final K key;
        final ReentrantLock lock = new ReentrantLock();
        final Condition filled = lock.newCondition();
        /** The items waiting for a batch (not those of batches being written, nor those heading one). */
        final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
        /** Callers that lead: each writes a batch or waits for one to fill, and hands the lead on when done. */
        int leaders;

        Lane(K key) {
            this.key = key;
        }

        /** True when the caller of {@code pending} is to lead (fewer than {@code inFlight} do); else queues it. */
        boolean enqueue(Pending<T> pending) {
            lock.lock();
            try {
                if (leaders < inFlight) {
                    leaders++;
                    return true;
                }
                if (queue.size() >= capacity) {
                    throw new TemporarilyUnavailable("too many group creates wait for their commit",
                            Duration.ofSeconds(1), null);
                }
                queue.add(pending);
                if (queue.size() >= maxSize - 1) {
                    filled.signal();
                }
                return false;
            } finally {
                lock.unlock();
            }
        }

        /** Writes the next batch, headed by the leader's {@code first}, then hands the lead to the oldest waiting item. */
        void lead(Pending<T> first) {
            List<Pending<T>> batch = new ArrayList<>();
            batch.add(first);
            try {
                lock.lock();
                try {
                    long remaining = maxWaitNanos;
                    while (remaining > 0 && queue.size() < maxSize - 1) {
                        remaining = filled.awaitNanos(remaining);
                    }
                    while (batch.size() < maxSize && !queue.isEmpty()) {
                        batch.add(queue.poll());
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    while (batch.size() < maxSize && !queue.isEmpty()) {
                        batch.add(queue.poll());
                    }
                } finally {
                    lock.unlock();
                }
                commit(batch);
            } finally {
                Pending<T> next;
                lock.lock();
                try {
                    next = queue.poll();
                    if (next == null) {
                        leaders--;
                    }
                } finally {
                    lock.unlock();
                }
                if (next != null) {
                    next.turn.complete(true);
                }
                // An error (not an exception) met while writing: nobody of the batch may wait forever.
                batch.forEach(pending -> pending.turn.completeExceptionally(
                        new IllegalStateException("the batch of this group create was not written")));
            }
        }

        private void commit(List<Pending<T>> batch) {
            long started = System.nanoTime();
            RuntimeException failure;
            try {
                writer.write(key, batch.stream().map(pending -> pending.item).toList());
                batch.forEach(pending -> pending.turn.complete(false));
                if (LOG.isDebugEnabled()) {
                    LOG.debugf("committed %d group creates of %s together in %d us", (Object) batch.size(), key,
                            TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started));
                }
                return;
            } catch (RuntimeException batchFailure) {
                failure = PersistenceFailures.translate(batchFailure);
            }
            if (batch.size() == 1) {
                batch.getFirst().turn.completeExceptionally(failure);
                return;
            }
            if (failure instanceof TemporarilyUnavailable unavailable) {
                LOG.debugf("a batch of %d group creates of %s failed for a passing reason: all of them fail",
                        batch.size(), key);
                batch.forEach(pending -> pending.turn.completeExceptionally(new TemporarilyUnavailable(
                        unavailable.getMessage(), unavailable.retryAfter(), unavailable)));
                return;
            }
            LOG.debugf("a batch of %d group creates of %s failed (%s): writing them one by one", (Object) batch.size(), key,
                    failure.getMessage());
            for (Pending<T> pending : batch) {
                try {
                    writer.write(key, List.of(pending.item));
                    pending.turn.complete(false);
                } catch (RuntimeException alone) {
                    pending.turn.completeExceptionally(PersistenceFailures.translate(alone));
                }
            }
        }
    }
}
