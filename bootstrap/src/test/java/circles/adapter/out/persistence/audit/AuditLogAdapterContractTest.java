package circles.adapter.out.persistence.audit;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.audit.AuditLogContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class AuditLogAdapterContractTest extends AuditLogContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    AuditLog auditLog;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected AuditLog log() {
        return auditLog;
    }
}
