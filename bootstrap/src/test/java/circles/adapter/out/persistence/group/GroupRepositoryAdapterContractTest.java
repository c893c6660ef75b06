package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.group.GroupRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class GroupRepositoryAdapterContractTest extends GroupRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    GroupRepository groups;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected GroupRepository repository() {
        return groups;
    }
}
