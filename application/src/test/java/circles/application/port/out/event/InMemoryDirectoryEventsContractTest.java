package circles.application.port.out.event;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryDirectoryEventsContractTest extends DirectoryEventsContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected DirectoryEvents events() {
        return circles.directoryEvents;
    }

    @Override
    protected DirectoryEventOutbox outbox() {
        return circles.directoryEvents;
    }
}
