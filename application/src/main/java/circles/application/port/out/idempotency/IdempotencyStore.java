package circles.application.port.out.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the first answer to a create sent with an {@code Idempotency-Key}. Every call joins the current
 * transaction, so that an answer is stored in the transaction of the create it answers.
 */
public interface IdempotencyStore {
    record Key(String caller, String route, String key) {
    }

    record Answer(String requestHash, int status, String location, String body, Instant storedAt) {
    }

    /**
     * Waits until no other transaction holds {@code key}, then holds it until the current transaction ends, so that
     * concurrent first calls with one key run one after the other. Needs a transaction.
     */
    void lock(Key key);

    Optional<Answer> find(Key key, Instant notBefore);

    /** Stores the answer unless one is there already (a concurrent first call); returns the one that is kept. */
    Answer putIfAbsent(Key key, Answer answer);
}
