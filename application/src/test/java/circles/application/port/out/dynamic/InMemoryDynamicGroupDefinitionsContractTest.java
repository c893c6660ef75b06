package circles.application.port.out.dynamic;

import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicGroupDefinitions;
import circles.application.port.out.shared.PortFixture;

class InMemoryDynamicGroupDefinitionsContractTest extends DynamicGroupDefinitionsContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryDynamicGroupDefinitions port = new InMemoryDynamicGroupDefinitions(circles.db);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected DynamicGroupDefinitions definitions() {
        return port;
    }
}
