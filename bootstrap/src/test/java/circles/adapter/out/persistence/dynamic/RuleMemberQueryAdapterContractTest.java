package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.dynamic.RuleMemberQueryContract;
import circles.application.port.out.shared.PortFixture;
import circles.domain.criterion.CriterionRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class RuleMemberQueryAdapterContractTest extends RuleMemberQueryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    RuleMemberQuery query;
    @Inject
    CriterionRegistry registry;
    @Inject
    ActivityStore activity;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected RuleMemberQuery query() {
        return query;
    }

    @Override
    protected CriterionRegistry registry() {
        return registry;
    }

    @Override
    protected ActivityStore activity() {
        return activity;
    }
}
