package circles.adapter.out.persistence.sql;

import circles.application.port.out.shared.UnitOfWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One use case, one JTA transaction: joins the caller's transaction if there is one, otherwise begins one and
 * commits it when the work returns. Any exception rolls it back; a domain exception reaches the caller unchanged,
 * and database failures (also those only detected at commit) become domain exceptions. A transaction begun here ends
 * after Quarkus' default timeout ({@code quarkus.transaction-manager.default-transaction-timeout}, 60 s) unless the
 * caller gives it one of its own.
 */
@ApplicationScoped
public class UnitOfWorkAdapter implements UnitOfWork {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.joiningExisting().call(work::get);
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public <T> T inTransaction(Duration timeout, Supplier<T> work) {
        // Whole seconds, rounded up: the transaction manager counts in seconds.
        int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.plusMillis(999).toSeconds()));
        try {
            return QuarkusTransaction.joiningExisting().timeout(seconds).call(work::get);
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }
}
