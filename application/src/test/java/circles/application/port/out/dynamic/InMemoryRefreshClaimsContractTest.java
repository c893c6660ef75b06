package circles.application.port.out.dynamic;

import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicMembersStore;
import circles.application.InMemoryRefreshClaims;
import circles.application.port.out.shared.PortFixture;

class InMemoryRefreshClaimsContractTest extends RefreshClaimsContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryRefreshClaims claims = new InMemoryRefreshClaims(circles.db,
            new InMemoryDynamicMembersStore(circles.db));

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected RefreshClaims claims() {
        return claims;
    }
}
