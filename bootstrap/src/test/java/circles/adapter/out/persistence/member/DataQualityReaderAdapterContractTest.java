package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.DataQualityReader;
import circles.application.port.out.member.DataQualityReaderContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class DataQualityReaderAdapterContractTest extends DataQualityReaderContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    DataQualityReader reader;
    @Inject
    MasterDataRepository masterData;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected DataQualityReader reader() {
        return reader;
    }

    @Override
    protected MasterDataRepository masterData() {
        return masterData;
    }
}
