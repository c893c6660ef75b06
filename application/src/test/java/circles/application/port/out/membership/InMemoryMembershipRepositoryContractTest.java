package circles.application.port.out.membership;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryMembershipRepositoryContractTest extends MembershipRepositoryContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected MembershipRepository repository() {
        return circles.membershipRepository;
    }
}
