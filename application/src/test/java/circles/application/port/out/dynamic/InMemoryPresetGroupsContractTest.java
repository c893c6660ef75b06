package circles.application.port.out.dynamic;

import circles.application.InMemoryCircles;
import circles.application.InMemoryPresetGroups;
import circles.application.port.out.shared.PortFixture;

class InMemoryPresetGroupsContractTest extends PresetGroupsContract {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryPresetGroups port = new InMemoryPresetGroups(circles.db);

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected PresetGroups presets() {
        return port;
    }
}
