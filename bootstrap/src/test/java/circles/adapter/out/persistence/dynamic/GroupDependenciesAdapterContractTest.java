package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.GroupDependenciesContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class GroupDependenciesAdapterContractTest extends GroupDependenciesContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    GroupDependencies port;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected GroupDependencies dependencies() {
        return port;
    }
}
