package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.member.OrgMemberRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class OrgMemberRepositoryAdapterContractTest extends OrgMemberRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    OrgMemberRepository orgMembers;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected OrgMemberRepository repository() {
        return orgMembers;
    }
}
