package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.dynamic.PresetGroups;
import circles.application.port.out.dynamic.PresetGroupsContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class PresetGroupsAdapterContractTest extends PresetGroupsContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    PresetGroups port;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected PresetGroups presets() {
        return port;
    }
}
