package circles.application.port.out.idempotency;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected IdempotencyStore store() {
        return circles.idempotencyStore;
    }
}
