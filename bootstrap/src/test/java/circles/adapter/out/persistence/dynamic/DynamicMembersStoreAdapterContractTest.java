package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.DynamicMembersStoreContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class DynamicMembersStoreAdapterContractTest extends DynamicMembersStoreContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    DynamicMembersStore dynamicMembers;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected DynamicMembersStore store() {
        return dynamicMembers;
    }
}
