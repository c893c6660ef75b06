package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgChartReader;
import circles.application.port.out.member.OrgChartReaderContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class OrgChartReaderAdapterContractTest extends OrgChartReaderContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    OrgChartReader reader;
    @Inject
    MasterDataRepository masterData;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected OrgChartReader reader() {
        return reader;
    }

    @Override
    protected MasterDataRepository masterData() {
        return masterData;
    }
}
