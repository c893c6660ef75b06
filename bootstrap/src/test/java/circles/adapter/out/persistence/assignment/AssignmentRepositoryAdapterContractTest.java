package circles.adapter.out.persistence.assignment;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.assignment.AssignmentRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class AssignmentRepositoryAdapterContractTest extends AssignmentRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    AssignmentRepository assignments;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected AssignmentRepository repository() {
        return assignments;
    }
}
