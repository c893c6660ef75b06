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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class GroupDependenciesTest extends DynamicGroupsTest {
    @Inject
    GroupDependencies dependencies;

    @Test
    void dependents_come_after_every_group_they_depend_on() {
        Organization org = newOrg();
        Group base = newDynamicGroup(org.id());
        Group a = newDynamicGroup(org.id());
        Group b = newDynamicGroup(org.id());
        Group c = newDynamicGroup(org.id());
        Group unrelated = newDynamicGroup(org.id());
        // a -> base, b -> a, c -> base and b: c must come after b although it also depends on base directly.
        inTx(() -> {
            dependencies.lock(org.id());
            dependencies.replace(a.id(), org.id(), Set.of(base.id()));
            dependencies.replace(b.id(), org.id(), Set.of(a.id()));
            dependencies.replace(c.id(), org.id(), Set.of(base.id(), b.id()));
            dependencies.replace(unrelated.id(), org.id(), Set.of());
        });

        assertThat(tx(() -> dependencies.dependentsInOrder(base.id(), org.id()))).containsExactly(a.id(), b.id(), c.id());
        assertThat(tx(() -> dependencies.dependentsInOrder(b.id(), org.id()))).containsExactly(c.id());
        assertThat(tx(() -> dependencies.dependenciesOf(c.id(), org.id()))).containsExactlyInAnyOrder(base.id(), b.id());
        assertThat(tx(() -> dependencies.dependentsInOrder(base.id(), newOrg().id()))).isEmpty();

        inTx(() -> dependencies.replace(c.id(), org.id(), Set.of(a.id())));
        assertThat(tx(() -> dependencies.dependenciesOf(c.id(), org.id()))).containsExactly(a.id());
    }

    @Test
    void a_dependency_that_would_close_a_cycle_is_found_with_its_path() {
        Organization org = newOrg();
        Group a = newDynamicGroup(org.id());
        Group b = newDynamicGroup(org.id());
        Group c = newDynamicGroup(org.id());
        inTx(() -> {
            dependencies.replace(b.id(), org.id(), Set.of(a.id()));
            dependencies.replace(c.id(), org.id(), Set.of(b.id()));
        });

        assertThat(tx(() -> dependencies.cycleThrough(a.id(), org.id(), Set.of(c.id()))))
                .containsExactly(a.id(), c.id(), b.id(), a.id());
        assertThat(tx(() -> dependencies.cycleThrough(a.id(), org.id(), Set.of(a.id())))).containsExactly(a.id(), a.id());
        assertThat(tx(() -> dependencies.cycleThrough(c.id(), org.id(), Set.of(a.id())))).isEmpty();
        assertThat(tx(() -> dependencies.cycleThrough(a.id(), org.id(), Set.of()))).isEmpty();
    }

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
