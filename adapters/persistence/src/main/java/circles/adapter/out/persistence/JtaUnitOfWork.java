package circles.adapter.out.persistence;

import circles.application.port.out.UnitOfWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * One use case, one JTA transaction: joins the caller's transaction if there is one, otherwise begins one and
 * commits it when the work returns. Any exception rolls it back; a domain exception reaches the caller unchanged,
 * and database failures (also those only detected at commit) become domain exceptions.
 */
@ApplicationScoped
public class JtaUnitOfWork implements UnitOfWork {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return QuarkusTransaction.joiningExisting().call(work::get);
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }
}
