package circles.application.service;

import circles.application.port.in.IdempotencyUseCase;
import circles.application.port.out.IdempotencyStore;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Keys are kept for 24 hours, per caller and route. */
public final class IdempotencyService implements IdempotencyUseCase {
    static final Duration RETENTION = Duration.ofHours(24);

    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyService(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<IdempotencyStore.Answer> previous(IdempotencyStore.Key key, String requestHash) {
        Optional<IdempotencyStore.Answer> stored = store.find(key, clock.instant().minus(RETENTION));
        stored.ifPresent(answer -> requireSameRequest(answer, requestHash));
        return stored;
    }

    @Override
    public IdempotencyStore.Answer once(IdempotencyStore.Key key, String requestHash,
                                        Supplier<IdempotencyStore.Answer> firstCall) {
        Optional<IdempotencyStore.Answer> previous = previous(key, requestHash);
        if (previous.isPresent()) {
            return previous.get();
        }
        IdempotencyStore.Answer answer = firstCall.get();
        if (answer.status() >= 300) {
            return answer;
        }
        IdempotencyStore.Answer kept = store.putIfAbsent(key, answer);
        requireSameRequest(kept, requestHash);
        return kept;
    }

    private static void requireSameRequest(IdempotencyStore.Answer answer, String requestHash) {
        if (!answer.requestHash().equals(requestHash)) {
            throw new RuleViolation("idempotency-key-reused",
                    "this Idempotency-Key was used with a different request; use a new key");
        }
    }
}
