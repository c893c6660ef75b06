package circles.application;

import circles.application.port.out.idempotency.IdempotencyStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers in memory; like the real store, an answer older than the retention counts as absent when storing, and every
 * call needs a transaction (the real store joins the caller's). The calls are recorded in order, with the key locked.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private static final Duration RETENTION = Duration.ofHours(24);

    private final InMemoryDatabase db;
    private final List<String> calls = new ArrayList<>();

    public InMemoryIdempotencyStore(InMemoryDatabase db) {
        this.db = db;
    }

    /** The calls so far, e.g. {@code lock key-1}, {@code find key-1}, {@code put key-1}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void lock(Key key) {
        db.requireTransaction();
        calls.add("lock " + key.key());
    }

    @Override
    public Optional<Answer> find(Key key, Instant notBefore) {
        db.requireTransaction();
        calls.add("find " + key.key());
        return Optional.ofNullable(db.answers.get(key)).filter(answer -> notBefore == null || !answer.storedAt().isBefore(notBefore));
    }

    @Override
    public Answer putIfAbsent(Key key, Answer answer) {
        db.requireTransaction();
        calls.add("put " + key.key());
        Instant expiredBefore = answer.storedAt().minus(RETENTION);
        return db.answers.compute(key, (k, existing) ->
                existing == null || existing.storedAt().isBefore(expiredBefore) ? answer : existing);
    }
}
