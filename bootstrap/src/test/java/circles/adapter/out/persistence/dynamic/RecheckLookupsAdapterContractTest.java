package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.RecheckLookups;
import circles.application.port.out.dynamic.RecheckLookupsContract;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class RecheckLookupsAdapterContractTest extends RecheckLookupsContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    RecheckLookups lookups;
    @Inject
    DynamicGroupDefinitions definitions;
    @Inject
    OverrideRepository overrides;
    @Inject
    DynamicMembersStore dynamicMembers;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected RecheckLookups lookups() {
        return lookups;
    }

    @Override
    protected DynamicGroupDefinitions definitions() {
        return definitions;
    }

    @Override
    protected OverrideRepository overrides() {
        return overrides;
    }

    @Override
    protected DynamicMembersStore dynamicMembers() {
        return dynamicMembers;
    }
}
