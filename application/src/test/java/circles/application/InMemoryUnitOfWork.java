package circles.application;

import circles.application.port.out.shared.UnitOfWork;

import java.time.Duration;
import java.util.function.Supplier;

/** Opens a transaction on the in-memory database; a transaction inside another one joins it. */
public final class InMemoryUnitOfWork implements UnitOfWork {
    private final InMemoryDatabase db;

    public InMemoryUnitOfWork(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        db.begin();
        try {
            return work.get();
        } finally {
            db.end();
        }
    }

    /** In memory nothing times out. */
    @Override
    public <T> T inTransaction(Duration timeout, Supplier<T> work) {
        return inTransaction(work);
    }
}
