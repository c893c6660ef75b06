package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.member.ReportingLinesContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ReportingLinesAdapterContractTest extends ReportingLinesContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    ReportingLines reportingLines;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected ReportingLines lines() {
        return reportingLines;
    }
}
