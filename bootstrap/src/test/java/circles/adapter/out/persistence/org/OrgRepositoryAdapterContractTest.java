package circles.adapter.out.persistence.org;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.org.OrgRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class OrgRepositoryAdapterContractTest extends OrgRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    OrgRepository orgs;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected OrgRepository repository() {
        return orgs;
    }
}
