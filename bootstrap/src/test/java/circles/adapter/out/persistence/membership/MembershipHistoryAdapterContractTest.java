package circles.adapter.out.persistence.membership;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.membership.MembershipHistoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class MembershipHistoryAdapterContractTest extends MembershipHistoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    MembershipHistory history;
    @Inject
    DynamicMembersStore dynamicMembers;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected MembershipHistory history() {
        return history;
    }

    @Override
    protected DynamicMembersStore dynamicMembers() {
        return dynamicMembers;
    }
}
