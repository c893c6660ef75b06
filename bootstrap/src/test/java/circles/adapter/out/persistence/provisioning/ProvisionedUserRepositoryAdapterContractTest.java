package circles.adapter.out.persistence.provisioning;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.provisioning.ProvisionedUserRepository;
import circles.application.port.out.provisioning.ProvisionedUserRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ProvisionedUserRepositoryAdapterContractTest extends ProvisionedUserRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    ProvisionedUserRepository repository;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected ProvisionedUserRepository repository() {
        return repository;
    }
}
