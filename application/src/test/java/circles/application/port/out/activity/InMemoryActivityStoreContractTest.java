package circles.application.port.out.activity;

import circles.application.InMemoryActivity;
import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryActivityStoreContractTest extends ActivityStoreContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryActivity activity = new InMemoryActivity(circles.db);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected ActivityStore store() {
        return activity;
    }

    @Override
    protected ActivityReader reader() {
        return activity;
    }
}
