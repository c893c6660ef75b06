package circles.application.port.out.org;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryOrgRepositoryContractTest extends OrgRepositoryContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected OrgRepository repository() {
        return circles.orgRepository;
    }
}
