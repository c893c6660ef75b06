package circles.application.port.out.dynamic;

import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicGroups;
import circles.application.port.out.shared.PortFixture;

/** The contract run against the GroupDependencies port of the in-memory dynamic-group ports, which refresh tests use. */
class InMemoryDynamicGroupsGroupDependenciesContractTest extends GroupDependenciesContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryDynamicGroups dynamic = new InMemoryDynamicGroups(circles.db);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected GroupDependencies dependencies() {
        return dynamic.dependencies;
    }
}
