package circles.application.service.idempotency;

import circles.application.port.in.idempotency.IdempotencyUseCase;
import circles.application.port.out.idempotency.IdempotencyStore;
import circles.application.port.out.shared.UnitOfWork;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keys are kept for 24 hours, per caller and route. A first call runs in one transaction with its key: the key is
 * locked, the stored answer looked up, the create run (its use case joins the transaction) and its answer stored, and
 * all of it commits together or not at all. So an answer lost on its way to the caller is replayed to the retry (the
 * create and its answer were committed together), a first call that fails leaves neither, and concurrent calls with
 * one key wait for the first one and replay its answer.
 *
 * <p>A key belongs to its caller: another caller sending the same key value gets a key scope of its own (a fresh
 * create), never the first caller's answer, and learns nothing about keys others used. Before a replay, the
 * caller's right to what the answer shows is checked again, so a caller who lost access to the org or group
 * since gets the same 404 as for any other request there, not the stored answer.
 */
public final class IdempotencyService implements IdempotencyUseCase {
    static final Duration RETENTION = Duration.ofHours(24);

    private final UnitOfWork tx;
    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyService(UnitOfWork tx, IdempotencyStore store, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public IdempotencyStore.Answer once(IdempotencyStore.Key key, String requestHash,
                                        Consumer<IdempotencyStore.Answer> stillAllowed,
                                        Supplier<IdempotencyStore.Answer> firstCall) {
        return tx.inTransaction(() -> {
            // Before the look-up: a concurrent first call with this key is either committed (and found) or waited for.
            store.lock(key);
            Optional<IdempotencyStore.Answer> previous = store.find(key, clock.instant().minus(RETENTION));
            if (previous.isPresent()) {
                stillAllowed.accept(previous.get());
                requireSameRequest(previous.get(), requestHash);
                return previous.get();
            }
            IdempotencyStore.Answer answer = firstCall.get();
            if (answer.status() >= 300) {
                // Not an answer to replay: a refusal changes nothing, and the next call may well succeed.
                return answer;
            }
            IdempotencyStore.Answer kept = store.putIfAbsent(key, answer);
            requireSameRequest(kept, requestHash);
            return kept;
        });
    }

    private static void requireSameRequest(IdempotencyStore.Answer answer, String requestHash) {
        if (!answer.requestHash().equals(requestHash)) {
            throw new RuleViolation("idempotency-key-reused",
                    "this Idempotency-Key was used with a different request; use a new key");
        }
    }
}
