package circles.application.port.out.dynamic;

import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicMembersStore;
import circles.application.port.out.shared.PortFixture;

class InMemoryDynamicMembersStoreContractTest extends DynamicMembersStoreContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryDynamicMembersStore store = new InMemoryDynamicMembersStore(circles.db);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected DynamicMembersStore store() {
        return store;
    }
}
