package circles.application.port.out.dynamic;

import circles.application.InMemoryCircles;
import circles.application.InMemoryGroupDependencies;
import circles.application.port.out.shared.PortFixture;

class InMemoryGroupDependenciesContractTest extends GroupDependenciesContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryGroupDependencies port = new InMemoryGroupDependencies(circles.db);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected GroupDependencies dependencies() {
        return port;
    }
}
