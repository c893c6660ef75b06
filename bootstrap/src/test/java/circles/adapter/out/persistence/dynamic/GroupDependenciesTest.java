package circles.adapter.out.persistence.dynamic;

import circles.application.port.out.dynamic.GroupDependencies;
import circles.domain.group.Group;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the dependencies mean for the groups table on PostgreSQL: a group another depends on stays. Everything the port
 * itself promises is stated by its contract, {@code GroupDependenciesAdapterContractTest}.
 */
@QuarkusTest
class GroupDependenciesTest extends DynamicGroupsTest {
    @Inject
    GroupDependencies dependencies;

    @Test
    void a_group_another_depends_on_cannot_be_deleted() {
        Organization org = newOrg();
        Group used = newDynamicGroup(org.id());
        Group user = newDynamicGroup(org.id());
        inTx(() -> dependencies.replace(user.id(), org.id(), Set.of(used.id())));
        assertThatThrownBy(() -> unitOfWork.run(() -> {
            tenant.enter(org.id());
            groups.delete(List.of(used.id()));
        })).isInstanceOf(Conflict.class);
    }
}
