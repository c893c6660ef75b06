package circles.application.port.out.shared;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A port could not do its work for a passing reason that is nobody's fault: the connection to the store was lost,
 * the store is busy (no connection free, a lock not granted in time, a statement or transaction over its time), or it
 * refused a transaction that raced another (serialization failure, deadlock). The work was rolled back, except when
 * the connection broke while committing: then its outcome is unknown. Either way the same request may be sent
 * again (a create with the same {@code Idempotency-Key} is not done twice); {@link #retryAfter()} is how long the
 * adapter suggests waiting first.
 *
 * <p>Not a business rejection: the request itself was fine, so this is no {@code DomainException}.
 */
public final class TemporarilyUnavailable extends RuntimeException {
    private final Duration retryAfter;

    public TemporarilyUnavailable(String reason, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("a retry delay must be zero or more");
        }
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * The temporary unavailability behind {@code failure}: itself, one of its causes, or one of their suppressed
     * exceptions (work wrapped by a framework after the port had translated its failure).
     */
    public static Optional<TemporarilyUnavailable> behind(Throwable failure) {
        if (failure == null) {
            return Optional.empty();
        }
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable next = pending.removeFirst();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof TemporarilyUnavailable unavailable) {
                return Optional.of(unavailable);
            }
            if (next.getCause() != null) {
                pending.addLast(next.getCause());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
        return Optional.empty();
    }
}
