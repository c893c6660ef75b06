package circles.adapter.out.persistence.provisioning;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.provisioning.ScimTokenRepository;
import circles.application.port.out.provisioning.ScimTokenRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ScimTokenRepositoryAdapterContractTest extends ScimTokenRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    ScimTokenRepository tokens;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected ScimTokenRepository repository() {
        return tokens;
    }
}
