package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.member.MemberImportStore;
import circles.application.port.out.member.MemberImportStoreContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class MemberImportStoreAdapterContractTest extends MemberImportStoreContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    MemberImportStore imports;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected MemberImportStore store() {
        return imports;
    }
}
