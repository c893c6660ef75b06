package circles.application.port.out.audit;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;

class InMemoryAuditLogContractTest extends AuditLogContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected AuditLog log() {
        return circles.auditLog;
    }
}
