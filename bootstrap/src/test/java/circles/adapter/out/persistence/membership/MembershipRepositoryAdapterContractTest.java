package circles.adapter.out.persistence.membership;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.membership.MembershipRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class MembershipRepositoryAdapterContractTest extends MembershipRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    MembershipRepository memberships;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected MembershipRepository repository() {
        return memberships;
    }
}
