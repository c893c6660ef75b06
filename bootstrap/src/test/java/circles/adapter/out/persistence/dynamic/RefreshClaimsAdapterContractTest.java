package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RefreshClaimsContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class RefreshClaimsAdapterContractTest extends RefreshClaimsContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    RefreshClaims refreshClaims;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected RefreshClaims claims() {
        return refreshClaims;
    }
}
