package circles.bootstrap.wiring;

import circles.application.port.out.idempotency.IdempotencyStore;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.idempotency.IdempotencyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Idempotency keys of retried requests. */
@ApplicationScoped
public class IdempotencyWiring {

    @Produces
    @Singleton
    IdempotencyService idempotencyService(UnitOfWork tx, IdempotencyStore store, Clock clock) {
        return new IdempotencyService(tx, store, clock);
    }
}
