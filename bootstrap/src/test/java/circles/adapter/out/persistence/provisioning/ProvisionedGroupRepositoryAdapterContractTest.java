package circles.adapter.out.persistence.provisioning;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.provisioning.ProvisionedGroupRepository;
import circles.application.port.out.provisioning.ProvisionedGroupRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ProvisionedGroupRepositoryAdapterContractTest extends ProvisionedGroupRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    ProvisionedGroupRepository repository;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected ProvisionedGroupRepository repository() {
        return repository;
    }
}
