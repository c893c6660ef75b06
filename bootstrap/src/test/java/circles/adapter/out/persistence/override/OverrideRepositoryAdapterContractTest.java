package circles.adapter.out.persistence.override;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.override.OverrideRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class OverrideRepositoryAdapterContractTest extends OverrideRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    OverrideRepository overrides;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected OverrideRepository repository() {
        return overrides;
    }
}
