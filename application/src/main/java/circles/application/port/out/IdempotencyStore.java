package circles.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** Remembers the first answer to a create sent with an {@code Idempotency-Key}. */
public interface IdempotencyStore {
    record Key(String caller, String route, String key) {
    }

    record Answer(String requestHash, int status, String location, String body, Instant storedAt) {
    }

    Optional<Answer> find(Key key, Instant notBefore);

    /** Stores the answer unless one is there already (a concurrent first call); returns the one that is kept. */
    Answer putIfAbsent(Key key, Answer answer);
}
