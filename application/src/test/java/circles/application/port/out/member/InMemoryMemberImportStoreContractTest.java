package circles.application.port.out.member;

import circles.application.InMemoryCircles;
import circles.application.InMemoryMemberImportStore;
import circles.application.port.out.shared.PortFixture;

class InMemoryMemberImportStoreContractTest extends MemberImportStoreContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryMemberImportStore store = new InMemoryMemberImportStore(circles.db);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected MemberImportStore store() {
        return store;
    }
}
