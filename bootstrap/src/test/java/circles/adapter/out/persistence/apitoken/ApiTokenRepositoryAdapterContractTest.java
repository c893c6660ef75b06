package circles.adapter.out.persistence.apitoken;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.apitoken.ApiTokenRepository;
import circles.application.port.out.apitoken.ApiTokenRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ApiTokenRepositoryAdapterContractTest extends ApiTokenRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    ApiTokenRepository tokens;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected ApiTokenRepository repository() {
        return tokens;
    }
}
