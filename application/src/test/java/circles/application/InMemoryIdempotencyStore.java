package circles.application;

import circles.application.port.out.IdempotencyStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Answers in memory; like the real store, an answer older than the retention counts as absent when storing. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private static final Duration RETENTION = Duration.ofHours(24);

    private final InMemoryDatabase db;

    public InMemoryIdempotencyStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Answer> find(Key key, Instant notBefore) {
        return Optional.ofNullable(db.answers.get(key)).filter(answer -> !answer.storedAt().isBefore(notBefore));
    }

    @Override
    public Answer putIfAbsent(Key key, Answer answer) {
        Instant expiredBefore = answer.storedAt().minus(RETENTION);
        return db.answers.compute(key, (k, existing) ->
                existing == null || existing.storedAt().isBefore(expiredBefore) ? answer : existing);
    }
}
