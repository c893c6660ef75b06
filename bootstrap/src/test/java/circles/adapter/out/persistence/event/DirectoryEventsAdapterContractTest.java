package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.event.DirectoryEventOutbox;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.event.DirectoryEventsContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class DirectoryEventsAdapterContractTest extends DirectoryEventsContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    DirectoryEvents directoryEvents;
    @Inject
    DirectoryEventOutbox outbox;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected DirectoryEvents events() {
        return directoryEvents;
    }

    @Override
    protected DirectoryEventOutbox outbox() {
        return outbox;
    }
}
