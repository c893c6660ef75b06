package circles.application.port.out.group;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryGroupRepositoryContractTest extends GroupRepositoryContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected GroupRepository repository() {
        return circles.groupRepository;
    }
}
