package circles.application.port.in;

import circles.application.port.out.IdempotencyStore;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates answered once per {@code Idempotency-Key}: the same key with the same request replays the first
 * answer; the same key with another request is refused.
 */
public interface IdempotencyUseCase {
    IdempotencyStore.Answer once(IdempotencyStore.Key key, String requestHash,
                                 Supplier<IdempotencyStore.Answer> firstCall);

    Optional<IdempotencyStore.Answer> previous(IdempotencyStore.Key key, String requestHash);
}
