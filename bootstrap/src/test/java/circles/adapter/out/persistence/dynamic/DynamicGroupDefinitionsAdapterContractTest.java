package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.DynamicGroupDefinitionsContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class DynamicGroupDefinitionsAdapterContractTest extends DynamicGroupDefinitionsContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    DynamicGroupDefinitions port;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected DynamicGroupDefinitions definitions() {
        return port;
    }
}
