package circles.application.port.out.dynamic;

import circles.application.InMemoryCircles;
import circles.application.InMemoryDynamicGroups;
import circles.application.InMemoryRecheckLookups;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.shared.PortFixture;

/** The re-check lookups over the in-memory dynamic-group ports they read, written through those same ports. */
class InMemoryRecheckLookupsContractTest extends RecheckLookupsContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryDynamicGroups dynamic = new InMemoryDynamicGroups(circles.db);
    private final InMemoryRecheckLookups lookups = new InMemoryRecheckLookups(circles.db, dynamic);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected RecheckLookups lookups() {
        return lookups;
    }

    @Override
    protected DynamicGroupDefinitions definitions() {
        return dynamic.definitions;
    }

    @Override
    protected OverrideRepository overrides() {
        return dynamic.overrides;
    }

    @Override
    protected DynamicMembersStore dynamicMembers() {
        return dynamic.members;
    }
}
