package circles.adapter.out.persistence.activity;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.activity.ActivityReader;
import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.activity.ActivityStoreContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ActivityStoreAdapterContractTest extends ActivityStoreContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    ActivityStore store;
    @Inject
    ActivityReader reader;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected ActivityStore store() {
        return store;
    }

    @Override
    protected ActivityReader reader() {
        return reader;
    }
}
