package circles.application.port.out.member;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryOrgMemberRepositoryContractTest extends OrgMemberRepositoryContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected OrgMemberRepository repository() {
        return circles.orgMemberRepository;
    }
}
