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

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The preset column of groups on PostgreSQL: one of each preset per org, orgs lacking some, the seeding lock. */
@QuarkusTest
class PresetGroupsTest extends PersistenceTest {
    private static final Set<GroupPreset> ALL = EnumSet.allOf(GroupPreset.class);

    @Inject
    PresetGroups presets;

    private Group presetGroup(OrgId orgId, GroupPreset preset) {
        return tx(() -> groups.save(Group.preset(orgId, preset, unique(preset.title()), new UserId("owner"),
                now())));
    }

    /** Every org lacking some of {@code wanted}, read page by page as the seeding run reads them. */
    private List<OrgId> allLacking(Set<GroupPreset> wanted) {
        List<OrgId> found = new ArrayList<>();
        OrgId after = null;
        List<OrgId> page;
        do {
            OrgId from = after;
            page = tx(() -> presets.orgsLacking(wanted, from, 200));
            found.addAll(page);
            after = page.isEmpty() ? after : page.getLast();
        } while (page.size() == 200);
        return found;
    }

    @Test
    void an_orgs_default_groups_are_found_by_preset() {
        Organization org = newOrg();
        Group noLogins = presetGroup(org.id(), GroupPreset.NO_LOGINS);
        Group mostActive = presetGroup(org.id(), GroupPreset.MOST_ACTIVE);
        newGroup(org.id(), unique("Plain"), null, Visibility.PRIVATE);

        Map<GroupPreset, GroupId> found = tx(() -> presets.of(org.id()));

        assertThat(found).containsOnly(Map.entry(GroupPreset.NO_LOGINS, noLogins.id()),
                Map.entry(GroupPreset.MOST_ACTIVE, mostActive.id()));
        assertThat(tx(() -> groups.findById(noLogins.id())).orElseThrow().preset()).isEqualTo(GroupPreset.NO_LOGINS);
        assertThat(tx(() -> presets.of(newOrg().id()))).isEmpty();
    }

    @Test
    void orgs_lacking_some_presets_are_listed_across_orgs_in_pages_by_id() {
        Organization none = newOrg();
        Organization some = newOrg();
        Organization all = newOrg();
        presetGroup(some.id(), GroupPreset.RECENT_LOGINS);
        for (GroupPreset preset : GroupPreset.values()) {
            presetGroup(all.id(), preset);
        }

        List<OrgId> lacking = allLacking(ALL);

        assertThat(lacking).contains(none.id(), some.id()).doesNotContain(all.id()).doesNotHaveDuplicates();
        assertThat(lacking).isSortedAccordingTo((a, b) -> a.value().toString().compareTo(b.value().toString()));
        assertThat(allLacking(Set.of(GroupPreset.RECENT_LOGINS))).contains(none.id())
                .doesNotContain(some.id(), all.id());
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
