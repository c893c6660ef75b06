package circles.application;

import circles.application.port.out.IdempotencyStore;

import java.time.Instant;
import java.util.Optional;

public final class InMemoryIdempotencyStore implements IdempotencyStore {
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
        Answer existing = db.answers.putIfAbsent(key, answer);
        return existing == null ? answer : existing;
    }
}
