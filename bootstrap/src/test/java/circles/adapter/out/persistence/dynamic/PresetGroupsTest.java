package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.dynamic.PresetGroups;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupStatus;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The preset column of groups on PostgreSQL: one of each preset per org, and the seeding lock. What the port promises
 * of finding presets and orgs lacking them is stated by its contract, {@code PresetGroupsAdapterContractTest}.
 */
@QuarkusTest
class PresetGroupsTest extends PersistenceTest {
    @Inject
    PresetGroups presets;

    private Group presetGroup(OrgId orgId, GroupPreset preset) {
        return tx(() -> groups.save(Group.preset(orgId, preset, unique(preset.title()), new UserId("owner"),
                now())));
    }

    @Test
    void an_org_has_each_preset_once_and_only_dynamic_org_groups_carry_one() {
        Organization org = newOrg();
        presetGroup(org.id(), GroupPreset.TOP_LEARNERS);

        assertThatThrownBy(() -> presetGroup(org.id(), GroupPreset.TOP_LEARNERS))
                .isInstanceOfSatisfying(Conflict.class, conflict ->
                        assertThat(conflict.code()).isEqualTo("default-group-exists"));
        presetGroup(newOrg().id(), GroupPreset.TOP_LEARNERS);

        Group staticWithPreset = Group.restore(GroupId.random(), org.id(),
                new GroupDescription(unique("Static"), null, null, null, null), new Slug(unique("static")),
                GroupType.PROJECT, GroupKind.STATIC, null, Visibility.PRIVATE, new UserId("owner"), null, null, null,
                GroupStatus.ACTIVE, null, GroupPreset.NO_LOGINS, 0, now(), now());
        assertThatThrownBy(() -> tx(() -> groups.save(staticWithPreset)))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.getMessage()).contains("groups_preset_check"));
    }

    @Test
    void the_seeding_lock_of_an_org_is_held_by_one_transaction_at_a_time() throws Exception {
        OrgId org = newOrg().id();
        OrgId other = newOrg().id();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService instance = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> first = instance.submit(() -> tx(() -> {
                boolean taken = presets.tryLock(org);
                held.countDown();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return taken;
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(tx(() -> presets.tryLock(org))).isFalse();
            assertThat(tx(() -> presets.tryLock(other))).isTrue();

            done.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(tx(() -> presets.tryLock(org))).isTrue();
            inTx(() -> {
                presets.lock(org);
                assertThat(presets.tryLock(org)).as("the holder may take it again").isTrue();
            });
        } finally {
            done.countDown();
            instance.shutdown();
        }
    }
}
