package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.event.PublicEventLogContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class PublicEventLogAdapterContractTest extends PublicEventLogContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    PublicEventLog log;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected PublicEventLog log() {
        return log;
    }
}
