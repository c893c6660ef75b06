package circles.application.port.out.event;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryPublicEventLogContractTest extends PublicEventLogContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected PublicEventLog log() {
        return circles.publicEventLog;
    }
}
