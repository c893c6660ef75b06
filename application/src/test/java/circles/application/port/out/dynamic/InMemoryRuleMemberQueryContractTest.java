package circles.application.port.out.dynamic;

import circles.application.InMemoryActivity;
import circles.application.InMemoryCircles;
import circles.application.InMemoryRuleMemberQuery;
import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.shared.PortFixture;
import circles.domain.criterion.CriterionRegistry;

class InMemoryRuleMemberQueryContractTest extends RuleMemberQueryContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryActivity activity = new InMemoryActivity(circles.db);
    private final InMemoryRuleMemberQuery query = new InMemoryRuleMemberQuery(circles.orgMemberRepository,
            circles.masterDataRepository);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected RuleMemberQuery query() {
        return query;
    }

    @Override
    protected CriterionRegistry registry() {
        return CriterionRegistry.withBuiltIns(activity);
    }

    @Override
    protected ActivityStore activity() {
        return activity;
    }
}
