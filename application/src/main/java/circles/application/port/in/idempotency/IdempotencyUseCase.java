package circles.application.port.in.idempotency;

import circles.application.port.out.idempotency.IdempotencyStore;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Creates answered once per {@code Idempotency-Key}: the same key with the same request replays the first
 * answer; the same key with another request is refused. There is deliberately no way to read a stored answer
 * other than {@link #once}: every replay goes through the caller-bound key and the caller's right checked again.
 */
public interface IdempotencyUseCase {
    /**
     * The stored answer for {@code key}, or else the answer of {@code firstCall}, which runs in the same transaction
     * as the look-up and the storing of its answer: its effect and its answer commit together, and a failure (an
     * exception) rolls both back. Concurrent calls with one key wait for each other.
     *
     * <p>A stored answer is replayed only to the caller it was given to (the key holds the caller), and only
     * after {@code stillAllowed} has checked again that the caller may still see what the answer shows: it throws
     * (typically a 404 not-found) when the caller lost access since, and then nothing is replayed.
     */
    IdempotencyStore.Answer once(IdempotencyStore.Key key, String requestHash,
                                 Consumer<IdempotencyStore.Answer> stillAllowed,
                                 Supplier<IdempotencyStore.Answer> firstCall);
}
