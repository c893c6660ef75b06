package circles.adapter.out.persistence.idempotency;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.idempotency.IdempotencyStore;
import circles.application.port.out.idempotency.IdempotencyStoreContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class IdempotencyStoreAdapterContractTest extends IdempotencyStoreContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    IdempotencyStore idempotency;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected IdempotencyStore store() {
        return idempotency;
    }
}
