package circles.application.port.out;

import java.util.function.Supplier;

/** Runs one use case as one transaction: all its writes commit together or not at all. */
public interface UnitOfWork {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
