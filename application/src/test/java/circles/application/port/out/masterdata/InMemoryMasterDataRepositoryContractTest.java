package circles.application.port.out.masterdata;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryMasterDataRepositoryContractTest extends MasterDataRepositoryContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected MasterDataRepository repository() {
        return circles.masterDataRepository;
    }
}
