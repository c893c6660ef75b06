package circles.application.port.out.dynamic;

import circles.application.port.out.shared.PortFixture;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link GroupDependencies} rely on, whichever storage serves it: a group's dependencies replaced as a
 * whole, its dependents listed each after every group it depends on, the path of a cycle a new dependency would
 * close, all within one org, and dependencies only on groups of the same org. The lock's waiting needs two
 * transactions at once, which only PostgreSQL has. Each case deletes the dynamic groups it made.
 */
public abstract class GroupDependenciesContract {
    protected abstract PortFixture fixture();

    protected abstract GroupDependencies dependencies();

    @Test
    void dependents_come_after_every_group_they_depend_on_and_replacing_replaces_them_all() {
        inAnOrg((world, scene) -> {
            GroupId base = scene.newGroup();
            GroupId a = scene.newGroup();
            GroupId b = scene.newGroup();
            GroupId c = scene.newGroup();
            GroupId unrelated = scene.newGroup();
            // a -> base, b -> a, c -> base and b: c must come after b although it also depends on base directly.
            world.inOrg(scene.org(), () -> {
                dependencies().lock(scene.org());
                dependencies().replace(c, scene.org(), Set.of(base, b));
                dependencies().replace(a, scene.org(), Set.of(base));
                dependencies().replace(b, scene.org(), Set.of(a));
                dependencies().replace(unrelated, scene.org(), Set.of());
            });

            assertThat(scene.read(() -> dependencies().dependentsInOrder(base, scene.org())))
                    .containsExactly(a, b, c);
            assertThat(scene.read(() -> dependencies().dependentsInOrder(b, scene.org()))).containsExactly(c);
            assertThat(scene.read(() -> dependencies().dependentsInOrder(c, scene.org()))).isEmpty();
            assertThat(scene.read(() -> dependencies().dependenciesOf(c, scene.org())))
                    .containsExactlyInAnyOrder(base, b);
            assertThat(scene.read(() -> dependencies().dependenciesOf(unrelated, scene.org()))).isEmpty();
            Organization other = world.newOrg();
            assertThat(world.inOrg(other.id(), () -> dependencies().dependentsInOrder(base, other.id()))).isEmpty();
            assertThat(world.inOrg(other.id(), () -> dependencies().dependenciesOf(c, other.id()))).isEmpty();

            world.inOrg(scene.org(), () -> dependencies().replace(c, scene.org(), Set.of(a)));
            assertThat(scene.read(() -> dependencies().dependenciesOf(c, scene.org()))).containsExactly(a);
            assertThat(scene.read(() -> dependencies().dependentsInOrder(base, scene.org())))
                    .containsExactlyInAnyOrder(a, b, c).startsWith(a);
        });
    }

    @Test
    void a_dependency_that_would_close_a_cycle_is_found_with_its_path() {
        inAnOrg((world, scene) -> {
            GroupId a = scene.newGroup();
            GroupId b = scene.newGroup();
            GroupId c = scene.newGroup();
            world.inOrg(scene.org(), () -> {
                dependencies().replace(b, scene.org(), Set.of(a));
                dependencies().replace(c, scene.org(), Set.of(b));
            });

            assertThat(scene.read(() -> dependencies().cycleThrough(a, scene.org(), Set.of(c))))
                    .containsExactly(a, c, b, a);
            assertThat(scene.read(() -> dependencies().cycleThrough(a, scene.org(), Set.of(a))))
                    .containsExactly(a, a);
            assertThat(scene.read(() -> dependencies().cycleThrough(c, scene.org(), Set.of(a)))).isEmpty();
            assertThat(scene.read(() -> dependencies().cycleThrough(a, scene.org(), Set.of()))).isEmpty();
        });
    }

    @Test
    void a_group_depends_only_on_groups_of_its_own_org() {
        inAnOrg((world, scene) -> {
            GroupId group = scene.newGroup();
            GroupId used = scene.newGroup();
            world.inOrg(scene.org(), () -> dependencies().replace(group, scene.org(), Set.of(used)));
            Organization other = world.newOrg();
            Group elsewhere = world.newDynamicGroup(other.id(), "Elsewhere");
            try {
                assertThatThrownBy(() -> world.inOrg(scene.org(), () -> dependencies().replace(group, scene.org(),
                        Set.of(used, elsewhere.id())))).isInstanceOf(DomainException.class);
                GroupId missing = new GroupId(UUID.randomUUID());
                assertThatThrownBy(() -> world.inOrg(scene.org(), () -> dependencies().replace(group, scene.org(),
                        Set.of(missing)))).isInstanceOf(DomainException.class);
                assertThat(scene.read(() -> dependencies().dependenciesOf(group, scene.org())))
                        .as("a refused replace changes nothing").containsExactly(used);
            } finally {
                world.deleteGroups(other.id(), List.of(elsewhere.id()));
            }
        });
    }

    /** The org a case works in and the dynamic groups it makes there. */
    protected record Scene(PortFixture world, OrgId org, List<GroupId> made) {
        GroupId newGroup() {
            GroupId group = world.newDynamicGroup(org, "Composed").id();
            made.add(group);
            return group;
        }

        <T> T read(java.util.function.Supplier<T> work) {
            return world.inOrg(org, work);
        }
    }

    private void inAnOrg(BiConsumer<PortFixture, Scene> body) {
        PortFixture world = fixture();
        Scene scene = new Scene(world, world.newOrg().id(), new ArrayList<>());
        try {
            body.accept(world, scene);
        } finally {
            // No group may be deleted while another depends on it: the dependencies go first.
            world.inOrg(scene.org(), () -> scene.made().forEach(group ->
                    dependencies().replace(group, scene.org(), Set.of())));
            world.deleteGroups(scene.org(), scene.made());
        }
    }
}
