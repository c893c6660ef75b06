package circles.adapter.out.persistence.membership;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.membership.MembershipRepository.EffectiveMember;
import circles.application.port.out.membership.MembershipRepository.Filter;
import circles.application.port.out.membership.MembershipRepository.UserGroup;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.NotificationOverride;
import circles.domain.group.Visibility;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.RuleViolation;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class MembershipRepositoryTest extends PersistenceTest {
    @Inject
    EntityManager entityManager;

    @Test
    void saves_finds_updates_and_deletes_a_membership() {
        Organization org = newOrg();
        Group group = newGroup(org.id(), unique("Team"), null, Visibility.PUBLIC);
        UserId userId = member(org, "member");
        Instant from = now().minus(Duration.ofDays(1));
        Membership started = join(group, userId, new Membership.Terms(GroupRole.MODERATOR, MembershipStatus.PENDING,
                from, from.plus(Duration.ofDays(30)), Set.of(GroupPermission.SEND_NOTIFICATIONS)));

        Membership read = tx(() -> {
            tenant.enter(org.id());
            return memberships.find(group.id(), userId).orElseThrow();
        });
        assertThat(read.role()).isEqualTo(GroupRole.MODERATOR);
        assertThat(read.status()).isEqualTo(MembershipStatus.PENDING);
        assertThat(read.validFrom()).isEqualTo(started.validFrom());
        assertThat(read.validUntil()).isEqualTo(started.validUntil());
        assertThat(read.permissions()).containsExactly(GroupPermission.SEND_NOTIFICATIONS);
        assertThat(read.orgId()).isEqualTo(org.id());
        assertThat(read.notificationOverride()).isNull();

        inTx(() -> {
            tenant.enter(org.id());
            Membership membership = memberships.find(group.id(), userId).orElseThrow();
            membership.changeStatus(MembershipStatus.ACTIVE);
            membership.changeRole(GroupRole.ADMIN);
            membership.changePermissions(Set.of());
            membership.overrideNotifications(new NotificationOverride(false, List.of("mentions")));
            memberships.save(membership);
        });
        Membership updated = tx(() -> {
            tenant.enter(org.id());
            return memberships.find(group.id(), userId).orElseThrow();
        });
        assertThat(updated.status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(updated.role()).isEqualTo(GroupRole.ADMIN);
        assertThat(updated.permissions()).isEmpty();
        assertThat(updated.notificationOverride()).isEqualTo(new NotificationOverride(false, List.of("mentions")));

        inTx(() -> {
            tenant.enter(org.id());
            assertThat(memberships.existing(group.id(), List.of(userId, new UserId("nobody")))).containsExactly(userId);
            memberships.delete(group.id(), userId);
        });
        assertThat(tx(() -> {
            tenant.enter(org.id());
            return memberships.find(group.id(), userId);
        })).isEmpty();
    }

    @Test
    void only_members_of_the_org_can_be_members_of_its_groups() {
        Organization org = newOrg();
        Organization other = newOrg();
        Group group = newGroup(org.id(), unique("Team"), null, Visibility.PUBLIC);
        UserId stranger = member(other, "stranger");

        assertThatThrownBy(() -> join(group, stranger, GroupRole.MEMBER, MembershipStatus.ACTIVE))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.code()).isEqualTo("not-an-org-member"));
    }

    @Test
    void a_new_membership_for_a_user_in_the_group_already_is_a_conflict_not_an_overwrite() {
        Organization org = newOrg();
        Group group = newGroup(org.id(), unique("Team"), null, Visibility.PUBLIC);
        UserId userId = member(org, "member");
        join(group, userId, GroupRole.OWNER, MembershipStatus.ACTIVE);

        assertThatThrownBy(() -> join(group, userId, GroupRole.MEMBER, MembershipStatus.PENDING))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("group-member-exists"));
        assertThatThrownBy(() -> inTx(() -> {
            tenant.enter(org.id());
            memberships.find(group.id(), userId).orElseThrow();
            memberships.save(Membership.start(group, userId, Membership.Terms.of(GroupRole.MEMBER,
                    MembershipStatus.PENDING), null, now()));
        })).isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("group-member-exists"));
        assertThat(tx(() -> {
            tenant.enter(org.id());
            return memberships.find(group.id(), userId).orElseThrow().role();
        })).isEqualTo(GroupRole.OWNER);
    }

    @Test
    void two_transactions_adding_the_same_member_at_once_end_in_one_membership_and_a_conflict() throws Exception {
        Organization org = newOrg();
        Group group = newGroup(org.id(), unique("Team"), null, Visibility.PUBLIC);
        UserId userId = member(org, "member");
        Membership first = Membership.start(group, userId, Membership.Terms.of(GroupRole.MEMBER,
                MembershipStatus.ACTIVE), null, now());
        Membership second = Membership.start(group, userId, Membership.Terms.of(GroupRole.ADMIN,
                MembershipStatus.ACTIVE), null, now());

        CountDownLatch firstInserted = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> firstAdd = threads.submit(() -> inTx(() -> {
                memberships.save(first);
                firstInserted.countDown();
                // Commit only once the second transaction waits for this one's row.
                awaitBlockedTransaction();
            }));
            Future<?> secondAdd = threads.submit(() -> {
                await(firstInserted);
                inTx(() -> memberships.save(second));
            });
            firstAdd.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> secondAdd.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(Conflict.class)
                    .cause().satisfies(c -> assertThat(((Conflict) c).code()).isEqualTo("group-member-exists"));
        } finally {
            threads.shutdownNow();
        }
        assertThat(tx(() -> {
            tenant.enter(org.id());
            return memberships.find(group.id(), userId).orElseThrow().role();
        })).isEqualTo(GroupRole.MEMBER);
    }

    private void awaitBlockedTransaction() {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            boolean waiting = tx(() -> (Boolean) entityManager.createNativeQuery(
                    "select exists (select 1 from pg_locks where not granted)").getSingleResult());
            if (waiting) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the second transaction never waited for the first");
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

    @Test
    void standalone_memberships_create_unknown_users() {
        Group group = newGroup(null, unique("Book club"), null, Visibility.PUBLIC);
        UserId newcomer = user("newcomer");
        join(group, newcomer, GroupRole.OWNER, MembershipStatus.ACTIVE);
        Membership read = tx(() -> {
            tenant.enter(null);
            return memberships.find(group.id(), newcomer).orElseThrow();
        });
        assertThat(read.orgId()).isNull();
        assertThat(tx(() -> {
            tenant.enter(null);
            return memberships.countEffectiveOwners(group.id(), now());
        })).isEqualTo(1);
    }

    @Test
    void counts_only_effective_direct_owners() {
        Organization org = newOrg();
        Group group = newGroup(org.id(), unique("Team"), null, Visibility.PUBLIC);
        Group child = newGroup(org.id(), unique("Child"), group, Visibility.PUBLIC);
        join(group, member(org, "owner"), GroupRole.OWNER, MembershipStatus.ACTIVE);
        join(group, member(org, "suspended"), GroupRole.OWNER, MembershipStatus.SUSPENDED);
        join(group, member(org, "ended"), new Membership.Terms(GroupRole.OWNER, MembershipStatus.ACTIVE,
                null, now().minus(Duration.ofMinutes(1)), Set.of()));
        join(group, member(org, "admin"), GroupRole.ADMIN, MembershipStatus.ACTIVE);
        join(child, member(org, "child-owner"), GroupRole.OWNER, MembershipStatus.ACTIVE);

        assertThat(tx(() -> {
            tenant.enter(org.id());
            return memberships.countEffectiveOwners(group.id(), now());
        })).isEqualTo(1);
    }

    @Test
    void lists_direct_members_page_by_page_with_filters() {
        Organization org = newOrg();
        Group group = newGroup(org.id(), unique("Team"), null, Visibility.PUBLIC);
        List<UserId> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserId userId = member(org, "m" + i);
            members.add(userId);
            join(group, userId, i == 0 ? GroupRole.OWNER : GroupRole.MEMBER,
                    i == 4 ? MembershipStatus.PENDING : MembershipStatus.ACTIVE);
        }
        List<UserId> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<Membership> page = tx(() -> {
                tenant.enter(org.id());
                return memberships.listDirect(group.id(), null, current);
            });
            page.items().forEach(membership -> listed.add(membership.userId()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        assertThat(listed).containsExactlyElementsOf(members.stream().sorted().toList());

        Page<Membership> pending = tx(() -> {
            tenant.enter(org.id());
            return memberships.listDirect(group.id(), new Filter(null, MembershipStatus.PENDING), PageRequest.first(10));
        });
        assertThat(pending.items()).extracting(Membership::userId).containsExactly(members.get(4));
        Page<Membership> owners = tx(() -> {
            tenant.enter(org.id());
            return memberships.listDirect(group.id(), new Filter(GroupRole.OWNER, null), PageRequest.first(10));
        });
        assertThat(owners.items()).extracting(Membership::userId).containsExactly(members.getFirst());
    }

    @Test
    void effective_members_reach_up_three_levels_through_the_nearest_membership() {
        Organization org = newOrg();
        Group root = newGroup(org.id(), unique("Root"), null, Visibility.PUBLIC);
        Group mid = newGroup(org.id(), unique("Mid"), root, Visibility.PUBLIC);
        Group leaf = newGroup(org.id(), unique("Leaf"), mid, Visibility.PUBLIC);
        UserId inRoot = member(org, "r");
        UserId inMid = member(org, "m");
        UserId inLeaf = member(org, "l");
        UserId inLeafAndRoot = member(org, "lr");
        UserId pendingInLeaf = member(org, "p");
        UserId endedInLeaf = member(org, "e");
        join(root, inRoot, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(mid, inMid, GroupRole.MODERATOR, MembershipStatus.ACTIVE);
        join(leaf, inLeaf, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(leaf, inLeafAndRoot, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(root, inLeafAndRoot, GroupRole.ADMIN, MembershipStatus.ACTIVE);
        join(leaf, pendingInLeaf, GroupRole.MEMBER, MembershipStatus.PENDING);
        join(leaf, endedInLeaf, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, null,
                now().minus(Duration.ofHours(1)), Set.of()));

        Map<UserId, GroupId> ofRoot = effective(org, root.id(), null);
        assertThat(ofRoot).containsOnly(Map.entry(inRoot, root.id()), Map.entry(inMid, mid.id()),
                Map.entry(inLeaf, leaf.id()), Map.entry(inLeafAndRoot, root.id()));
        Map<UserId, GroupId> ofMid = effective(org, mid.id(), null);
        assertThat(ofMid).containsOnly(Map.entry(inMid, mid.id()), Map.entry(inLeaf, leaf.id()),
                Map.entry(inLeafAndRoot, leaf.id()));
        assertThat(effective(org, root.id(), new Filter(GroupRole.MODERATOR, null)))
                .containsOnly(Map.entry(inMid, mid.id()));
        assertThat(effective(org, leaf.id(), null)).containsOnlyKeys(inLeaf, inLeafAndRoot);

        // One page at a time, the same members in user order.
        List<UserId> paged = new ArrayList<>();
        PageRequest request = PageRequest.first(1);
        while (request != null) {
            PageRequest current = request;
            Page<EffectiveMember> page = tx(() -> {
                tenant.enter(org.id());
                return memberships.listEffective(root.id(), null, now(), current);
            });
            page.items().forEach(member -> paged.add(member.membership().userId()));
            request = page.nextCursor() == null ? null : new PageRequest(1, page.nextCursor());
        }
        assertThat(paged).containsExactlyElementsOf(ofRoot.keySet().stream().sorted().toList());
    }

    @Test
    void groups_of_a_user_are_the_direct_ones_and_their_ancestors_once_each() {
        Organization org = newOrg();
        Group root = newGroup(org.id(), "a " + unique("Root"), null, Visibility.PUBLIC);
        Group mid = newGroup(org.id(), "b " + unique("Mid"), root, Visibility.PUBLIC);
        Group leaf = newGroup(org.id(), "c " + unique("Leaf"), mid, Visibility.PUBLIC);
        Group pendingGroup = newGroup(org.id(), "d " + unique("Pending"), null, Visibility.PUBLIC);
        Group pendingChild = newGroup(org.id(), "e " + unique("Pending child"), pendingGroup, Visibility.PUBLIC);
        Group standalone = newGroup(null, "f " + unique("Club"), null, Visibility.PUBLIC);
        UserId userId = member(org, "user");
        Membership inLeaf = join(leaf, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        Membership inRoot = join(root, userId, GroupRole.ADMIN, MembershipStatus.ACTIVE);
        join(pendingChild, userId, GroupRole.MEMBER, MembershipStatus.PENDING);
        join(standalone, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);

        List<UserGroup> inOrg = allGroupsOf(userId, org, 2);
        assertThat(inOrg).extracting(entry -> entry.group().id())
                .containsExactly(root.id(), mid.id(), leaf.id(), pendingChild.id());
        Map<GroupId, UserGroup> byGroup = inOrg.stream()
                .collect(Collectors.toMap(entry -> entry.group().id(), Function.identity()));
        assertThat(byGroup.get(root.id()).direct()).isTrue();
        assertThat(byGroup.get(root.id()).membership().role()).isEqualTo(inRoot.role());
        assertThat(byGroup.get(mid.id()).direct()).isFalse();
        assertThat(byGroup.get(mid.id()).via()).isEqualTo(leaf.id());
        assertThat(byGroup.get(mid.id()).membership().groupId()).isEqualTo(inLeaf.groupId());
        assertThat(byGroup.get(leaf.id()).direct()).isTrue();
        assertThat(byGroup.get(pendingChild.id()).membership().status()).isEqualTo(MembershipStatus.PENDING);

        List<UserGroup> everywhere = allGroupsOf(userId, null, 100);
        assertThat(everywhere).extracting(entry -> entry.group().id())
                .containsExactly(root.id(), mid.id(), leaf.id(), pendingChild.id(), standalone.id());
    }

    @Test
    void removing_a_user_from_an_org_ends_their_memberships_of_its_groups_only() {
        Organization org = newOrg();
        Group first = newGroup(org.id(), unique("First"), null, Visibility.PUBLIC);
        Group second = newGroup(org.id(), unique("Second"), null, Visibility.PUBLIC);
        Group standalone = newGroup(null, unique("Club"), null, Visibility.PUBLIC);
        UserId userId = member(org, "leaver");
        UserId stays = member(org, "stays");
        join(first, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(second, userId, GroupRole.MEMBER, MembershipStatus.PENDING);
        join(first, stays, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(standalone, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);

        List<GroupId> removed = tx(() -> memberships.removeFromOrg(org.id(), userId));
        assertThat(removed).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(allGroupsOf(userId, null, 10)).extracting(entry -> entry.group().id())
                .containsExactly(standalone.id());
        assertThat(allGroupsOf(stays, org, 10)).extracting(entry -> entry.group().id()).containsExactly(first.id());
    }

    @Test
    void removes_memberships_whose_validity_ended_in_batches() {
        Organization org = newOrg();
        Group group = newGroup(org.id(), unique("Course"), null, Visibility.PUBLIC);
        Group standalone = newGroup(null, unique("Club"), null, Visibility.PUBLIC);
        // Ended long ago, so that no other test's memberships fall in the window.
        Instant from = Instant.parse("2001-05-01T00:00:00Z");
        List<UserId> ended = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UserId userId = member(org, "ended");
            ended.add(userId);
            join(i < 2 ? group : standalone, userId, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE,
                    from, from.plus(Duration.ofMinutes(1 + i)), Set.of()));
        }
        UserId current = member(org, "current");
        join(group, current, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, from,
                from.plus(Duration.ofDays(3650 * 3)), Set.of()));
        Instant now = from.plus(Duration.ofHours(1));

        List<Membership> firstBatch = tx(() -> memberships.removeEnded(now, 2));
        List<Membership> secondBatch = tx(() -> memberships.removeEnded(now, 2));
        List<Membership> thirdBatch = tx(() -> memberships.removeEnded(now, 2));

        assertThat(firstBatch).extracting(Membership::userId).containsExactly(ended.get(0), ended.get(1));
        assertThat(firstBatch).extracting(Membership::orgId).containsOnly(org.id());
        assertThat(secondBatch).extracting(Membership::userId).containsExactly(ended.get(2));
        assertThat(secondBatch.getFirst().orgId()).isNull();
        assertThat(thirdBatch).isEmpty();
        assertThat(tx(() -> {
            tenant.enter(org.id());
            return memberships.find(group.id(), current);
        })).isPresent();
    }

    private UserId member(Organization org, String prefix) {
        UserId userId = user(prefix);
        newOrgMember(org.id(), userId, OrgRole.MEMBER);
        return userId;
    }

    private Map<UserId, GroupId> effective(Organization org, GroupId groupId, Filter filter) {
        return tx(() -> {
            tenant.enter(org.id());
            return memberships.listEffective(groupId, filter, now(), PageRequest.first(100)).items().stream()
                    .collect(Collectors.toMap(member -> member.membership().userId(), EffectiveMember::via));
        });
    }

    private List<UserGroup> allGroupsOf(UserId userId, Organization org, int pageSize) {
        List<UserGroup> all = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        while (request != null) {
            PageRequest current = request;
            Page<UserGroup> page = tx(() -> memberships.groupsOf(userId, org == null ? null : org.id(), now(), current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(pageSize, page.nextCursor());
        }
        return all;
    }
}
