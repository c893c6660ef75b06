package circles.application.port.out.override;

import circles.application.InMemoryCircles;
import circles.application.InMemoryOverrideRepository;
import circles.application.port.out.shared.PortFixture;

class InMemoryOverrideRepositoryContractTest extends OverrideRepositoryContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryOverrideRepository repository = new InMemoryOverrideRepository(circles.db);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected OverrideRepository repository() {
        return repository;
    }
}
