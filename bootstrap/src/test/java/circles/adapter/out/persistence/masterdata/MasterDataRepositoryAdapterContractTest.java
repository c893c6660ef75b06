package circles.adapter.out.persistence.masterdata;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.masterdata.MasterDataRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class MasterDataRepositoryAdapterContractTest extends MasterDataRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    MasterDataRepository masterData;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected MasterDataRepository repository() {
        return masterData;
    }
}
