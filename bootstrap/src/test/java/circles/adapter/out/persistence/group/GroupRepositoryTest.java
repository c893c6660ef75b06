package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.group.GroupRepository.MembershipFilter;
import circles.application.port.out.group.GroupRepository.Sort;
import circles.application.port.out.group.GroupRepository.Viewer;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupSettings;
import circles.domain.group.GroupStatus;
import circles.domain.group.MembershipStatus;
import circles.domain.group.NotificationDefaults;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.Slug;
import circles.domain.shared.VersionConflict;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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

@QuarkusTest
class GroupRepositoryTest extends PersistenceTest {

    @Test
    void saves_finds_and_updates_a_group_keeping_every_field() {
        Organization org = newOrg();
        UserId reviewer = user("reviewer");
        newOrgMember(org.id(), reviewer, OrgRole.MEMBER);
        Group created = newGroup(org.id(), unique("Team"), null, Visibility.ORGANIZATION);

        Group updated = tx(() -> {
            Group group = groups.findById(created.id()).orElseThrow();
            Instant now = now();
            group.describe(new GroupDescription(group.name(), "New text", "team@example.test", "rocket", "#7c3aed"), now);
            group.changeSettings(new GroupSettings(true, true, false, new NotificationDefaults(false, List.of("digest"))), now);
            group.changeMetadata(Map.of("cost", 12, "tags", List.of("a", "b"), "nested", Map.of("x", true)), now);
            group.assignReviewer(reviewer, now);
            group.changeExpiry(now.plus(Duration.ofDays(3)), now);
            return groups.save(group);
        });

        assertThat(created.version()).isEqualTo(1);
        assertThat(updated.version()).isEqualTo(2);
        Group read = tx(() -> groups.findById(created.id()).orElseThrow());
        assertThat(read.description()).isEqualTo(updated.description());
        assertThat(read.settings()).isEqualTo(updated.settings());
        assertThat(read.metadata()).isEqualTo(Map.of("cost", 12, "tags", List.of("a", "b"), "nested", Map.of("x", true)));
        assertThat(read.reviewerId()).isEqualTo(reviewer);
        assertThat(read.expiresAt()).isEqualTo(updated.expiresAt());
        assertThat(read.orgIdOrNull()).isEqualTo(org.id());
        assertThat(read.ownerId()).isEqualTo(created.ownerId());
        assertThat(read.createdAt()).isEqualTo(created.createdAt());
        assertThat(read.version()).isEqualTo(2);
    }

    @Test
    void saving_a_stale_group_is_a_version_conflict() {
        Organization org = newOrg();
        Group created = newGroup(org.id(), unique("Team"), null, Visibility.PUBLIC);
        tx(() -> {
            Group group = groups.findById(created.id()).orElseThrow();
            group.changeVisibility(Visibility.PRIVATE, now());
            return groups.save(group);
        });

        created.changeVisibility(Visibility.ORGANIZATION, now());
        assertThatThrownBy(() -> tx(() -> groups.save(created))).isInstanceOf(VersionConflict.class);
        assertThat(tx(() -> groups.findById(created.id()).orElseThrow()).visibility()).isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void names_are_unique_per_org_ignoring_case() {
        Organization org = newOrg();
        Organization other = newOrg();
        String name = unique("Design Team");
        Group first = newGroup(org.id(), name, null, Visibility.PUBLIC);

        assertThat(tx(() -> groups.nameTaken(org.id(), name.toUpperCase(), null))).isTrue();
        assertThat(tx(() -> groups.nameTaken(org.id(), name, first.id()))).isFalse();
        assertThat(tx(() -> groups.nameTaken(other.id(), name, null))).isFalse();

        assertThatThrownBy(() -> newGroup(org.id(), name.toUpperCase(), null, Visibility.PUBLIC))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("group-name-taken"));
        assertThat(newGroup(other.id(), name, null, Visibility.PUBLIC).name()).isEqualTo(name);
    }

    @Test
    void slugs_are_unique_per_org_and_among_standalone_groups() {
        Organization org = newOrg();
        Organization other = newOrg();
        String name = unique("Guild");
        Group inOrg = newGroup(org.id(), name, null, Visibility.PUBLIC);
        Slug slug = inOrg.slug();
        assertThat(tx(() -> groups.slugTaken(org.id(), slug, null))).isTrue();
        assertThat(tx(() -> groups.slugTaken(org.id(), slug, inOrg.id()))).isFalse();
        assertThat(tx(() -> groups.slugTaken(other.id(), slug, null))).isFalse();
        assertThat(tx(() -> groups.slugTaken(null, slug, null))).isFalse();

        newGroup(other.id(), name, null, Visibility.PUBLIC);
        newGroup(null, name, null, Visibility.PUBLIC);
        assertThat(tx(() -> groups.slugTaken(null, slug, null))).isTrue();
        assertThatThrownBy(() -> newGroup(null, name, null, Visibility.PUBLIC))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("group-slug-taken"));
    }

    @Test
    void ancestors_and_descendants_follow_nesting_in_order() {
        Organization org = newOrg();
        Group root = newGroup(org.id(), unique("Root"), null, Visibility.PUBLIC);
        Group mid = newGroup(org.id(), unique("Mid"), root, Visibility.PUBLIC);
        Group leafB = newGroup(org.id(), "b " + unique("Leaf"), mid, Visibility.PUBLIC);
        Group leafA = newGroup(org.id(), "a " + unique("Leaf"), mid, Visibility.PUBLIC);
        Group sibling = newGroup(org.id(), unique("Sibling"), root, Visibility.PUBLIC);

        inTx(() -> {
            tenant.enter(org.id());
            assertThat(ids(groups.ancestors(leafA.id()))).containsExactly(mid.id(), root.id());
            assertThat(groups.ancestors(root.id())).isEmpty();
            List<GroupId> below = ids(groups.descendants(root.id()));
            assertThat(below).containsExactlyInAnyOrder(mid.id(), sibling.id(), leafA.id(), leafB.id());
            assertThat(below.indexOf(mid.id())).isLessThan(below.indexOf(leafA.id()));
            assertThat(ids(groups.descendants(mid.id()))).containsExactly(leafA.id(), leafB.id());
            assertThat(groups.hasSubgroups(mid.id())).isTrue();
            assertThat(groups.hasSubgroups(leafA.id())).isFalse();
        });
    }

    @Test
    void auto_add_groups_are_the_active_static_groups_asking_for_it() {
        Organization org = newOrg();
        Group auto = newGroup(org.id(), unique("Everyone"), null, Visibility.ORGANIZATION);
        Group archived = newGroup(org.id(), unique("Old everyone"), null, Visibility.ORGANIZATION);
        newGroup(org.id(), unique("Plain"), null, Visibility.ORGANIZATION);
        GroupSettings autoAdd = new GroupSettings(false, false, true, NotificationDefaults.ON);
        inTx(() -> {
            Group group = groups.findById(auto.id()).orElseThrow();
            group.changeSettings(autoAdd, now());
            groups.save(group);
            Group old = groups.findById(archived.id()).orElseThrow();
            old.changeSettings(autoAdd, now());
            old.archive(now());
            groups.save(old);
        });
        assertThat(ids(tx(() -> groups.autoAddGroups(org.id())))).containsExactly(auto.id());
    }

    @Test
    void each_expired_group_is_claimed_by_one_of_two_concurrent_transactions() throws Exception {
        Organization org = newOrg();
        // Expired long ago, so that no other test's groups fall in the window.
        Instant created = Instant.parse("2001-03-01T00:00:00Z");
        Set<GroupId> expired = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            expired.add(newGroup(i % 2 == 0 ? org.id() : null, unique("Expiring"), null, Visibility.PUBLIC,
                    new UserId("owner"), created, created.plus(Duration.ofMinutes(10 + i))).id());
        }
        newGroup(org.id(), unique("Later"), null, Visibility.PUBLIC, new UserId("owner"), created,
                created.plus(Duration.ofDays(1)));
        Instant now = created.plus(Duration.ofHours(1));

        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<GroupId>> first = threads.submit(() -> tx(() -> {
                List<GroupId> claimed = ids(groups.claimExpired(now, 4));
                firstClaimed.countDown();
                await(secondDone);
                return claimed;
            }));
            Future<List<GroupId>> second = threads.submit(() -> {
                try {
                    await(firstClaimed);
                    return tx(() -> ids(groups.claimExpired(now, 100)));
                } finally {
                    secondDone.countDown();
                }
            });
            List<GroupId> byFirst = first.get(30, TimeUnit.SECONDS);
            List<GroupId> bySecond = second.get(30, TimeUnit.SECONDS);

            assertThat(byFirst).hasSize(4);
            assertThat(bySecond).hasSize(2).doesNotContainAnyElementsOf(byFirst);
            List<GroupId> all = new ArrayList<>(byFirst);
            all.addAll(bySecond);
            assertThat(all).containsExactlyInAnyOrderElementsOf(expired);
        } finally {
            threads.shutdownNow();
        }
        // Once the claims are over, the groups can be claimed again (nobody archived them here).
        assertThat(tx(() -> groups.claimExpired(now, 100))).hasSize(6);
    }

    @Test
    void deleting_groups_removes_their_memberships_and_assignments() {
        Organization org = newOrg();
        Group parent = newGroup(org.id(), unique("Parent"), null, Visibility.PUBLIC);
        Group child = newGroup(org.id(), unique("Child"), parent, Visibility.PUBLIC);
        UserId member = member(org, "member");
        join(child, member, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        inTx(() -> {
            tenant.enter(org.id());
            assignments.save(Assignment.assign(child, "course", "c-1", member, now()));
        });

        inTx(() -> {
            tenant.enter(org.id());
            groups.delete(List.of(child.id(), parent.id()));
        });

        inTx(() -> {
            tenant.enter(org.id());
            assertThat(groups.findById(parent.id())).isEmpty();
            assertThat(groups.findById(child.id())).isEmpty();
            assertThat(memberships.find(child.id(), member)).isEmpty();
            assertThat(assignments.exists(child.id(), "course", "c-1")).isFalse();
        });
    }

    @Test
    void filters_by_type_kind_parent_visibility_and_status() {
        Organization org = newOrg();
        String tag = unique("filter");
        Group parent = newGroup(org.id(), tag + " parent", null, Visibility.PUBLIC);
        Group child = newGroup(org.id(), tag + " child", parent, Visibility.PRIVATE);
        inTx(() -> {
            Group group = groups.findById(child.id()).orElseThrow();
            group.archive(now());
            groups.save(group);
        });
        Viewer admin = new Viewer(user("admin"), false, Set.of(org.id()), Set.of(org.id()));
        assertThat(tx(() -> groups.list(query(admin, org.id(), tag, null, Sort.NAME, parent.id(), null, null),
                PageRequest.first(10))).items()).extracting(Group::id).containsExactly(child.id());
        assertThat(tx(() -> groups.list(query(admin, org.id(), tag, null, Sort.NAME, null, Visibility.PUBLIC, null),
                PageRequest.first(10))).items()).extracting(Group::id).containsExactly(parent.id());
        assertThat(tx(() -> groups.list(query(admin, org.id(), tag, null, Sort.NAME, null, null,
                GroupStatus.ARCHIVED), PageRequest.first(10))).items()).extracting(Group::id)
                .containsExactly(child.id());
    }

    private UserId member(Organization org, String prefix) {
        UserId userId = user(prefix);
        newOrgMember(org.id(), userId, OrgRole.MEMBER);
        return userId;
    }

    private static GroupRepository.Query query(Viewer viewer, OrgId orgId, String text, MembershipFilter membership,
                                               Sort sort, GroupId parentId, Visibility visibility,
                                               GroupStatus status) {
        return new GroupRepository.Query(viewer, orgId, null, null, parentId, visibility, status, text, membership,
                sort);
    }

    private static List<GroupId> ids(List<Group> list) {
        return list.stream().map(Group::id).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction did not get there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
