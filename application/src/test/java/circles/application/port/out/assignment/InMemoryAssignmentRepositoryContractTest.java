package circles.application.port.out.assignment;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryAssignmentRepositoryContractTest extends AssignmentRepositoryContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected AssignmentRepository repository() {
        return circles.assignmentRepository;
    }
}
