package circles.application.port.out.shared;

import java.time.Duration;
import java.util.function.Supplier;

/** Runs one use case as one transaction: all its writes commit together or not at all. */
public interface UnitOfWork {
    <T> T inTransaction(Supplier<T> work);

    /**
     * As {@link #inTransaction(Supplier)}, for work that may outlast the usual time limit of a transaction (a bulk
     * import): a transaction begun here may run for {@code timeout}; one it joins keeps its own limit.
     */
    <T> T inTransaction(Duration timeout, Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
