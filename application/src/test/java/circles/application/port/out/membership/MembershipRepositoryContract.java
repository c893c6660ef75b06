package circles.application.port.out.membership;

import circles.application.port.out.membership.MembershipRepository.EffectiveMember;
import circles.application.port.out.membership.MembershipRepository.Filter;
import circles.application.port.out.membership.MembershipRepository.UserGroup;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link MembershipRepository} rely on, whichever storage serves it: direct memberships by key,
 * effective memberships through subgroups (the nearest one wins, only active ones inside their validity count),
 * lists in a stable order page by page, and the sweep of ended memberships.
 */
public abstract class MembershipRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract MembershipRepository repository();

    @Test
    void a_saved_membership_is_found_by_group_and_user_and_a_missing_one_is_empty() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Team"), null);
        UserId userId = world.newMember(org, "member");
        Instant from = world.now().minus(Duration.ofDays(1));
        Instant until = world.now().plus(Duration.ofDays(30));
        world.join(group, userId, new Membership.Terms(GroupRole.MODERATOR, MembershipStatus.ACTIVE, from, until,
                Set.of()));

        Membership found = world.inOrg(org.id(), () -> repository().find(group.id(), userId)).orElseThrow();
        assertThat(found.groupId()).isEqualTo(group.id());
        assertThat(found.orgId()).isEqualTo(org.id());
        assertThat(found.role()).isEqualTo(GroupRole.MODERATOR);
        assertThat(found.status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(found.validFrom()).isEqualTo(from);
        assertThat(found.validUntil()).isEqualTo(until);
        assertThat(world.inOrg(org.id(), () -> repository().find(group.id(), PortFixture.someUser("nobody"))))
                .isEmpty();
    }

    @Test
    void a_loaded_membership_saved_again_is_updated_and_a_new_one_for_a_member_is_a_conflict() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Team"), null);
        UserId userId = world.newMember(org, "member");
        world.join(group, userId, GroupRole.MEMBER, MembershipStatus.PENDING);

        world.inOrg(org.id(), () -> {
            Membership loaded = repository().find(group.id(), userId).orElseThrow();
            loaded.changeRole(GroupRole.ADMIN);
            loaded.changeStatus(MembershipStatus.ACTIVE);
            repository().save(loaded);
            return null;
        });
        Membership updated = world.inOrg(org.id(), () -> repository().find(group.id(), userId)).orElseThrow();
        assertThat(updated.role()).isEqualTo(GroupRole.ADMIN);
        assertThat(updated.status()).isEqualTo(MembershipStatus.ACTIVE);

        // Memberships carry no version: a second start of the same membership must not overwrite the first.
        assertThatThrownBy(() -> world.join(group, userId, GroupRole.OWNER, MembershipStatus.ACTIVE))
                .isInstanceOfSatisfying(Conflict.class,
                        conflict -> assertThat(conflict.code()).isEqualTo("group-member-exists"));
        assertThat(world.inOrg(org.id(), () -> repository().find(group.id(), userId)).orElseThrow().role())
                .isEqualTo(GroupRole.ADMIN);
    }

    @Test
    void delete_removes_the_membership_and_deleting_a_missing_one_does_nothing() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Team"), null);
        UserId leaver = world.newMember(org, "leaver");
        UserId stays = world.newMember(org, "stays");
        world.join(group, leaver, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(group, stays, GroupRole.MEMBER, MembershipStatus.ACTIVE);

        world.inOrg(org.id(), () -> {
            repository().delete(group.id(), leaver);
            return null;
        });
        world.inOrg(org.id(), () -> {
            repository().delete(group.id(), leaver);
            repository().delete(group.id(), PortFixture.someUser("never"));
            return null;
        });

        assertThat(world.inOrg(org.id(), () -> repository().find(group.id(), leaver))).isEmpty();
        assertThat(world.inOrg(org.id(), () -> repository().find(group.id(), stays))).isPresent();
    }

    @Test
    void existing_names_each_asked_user_with_a_membership_of_any_status_once() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Team"), null);
        Group other = world.newGroup(org.id(), unique("Other"), null);
        UserId active = world.newMember(org, "active");
        UserId pending = world.newMember(org, "pending");
        UserId elsewhere = world.newMember(org, "elsewhere");
        world.join(group, active, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(group, pending, GroupRole.MEMBER, MembershipStatus.PENDING);
        world.join(other, elsewhere, GroupRole.MEMBER, MembershipStatus.ACTIVE);

        assertThat(world.inOrg(org.id(), () -> repository().existing(group.id(),
                List.of(active, pending, active, elsewhere, PortFixture.someUser("unknown")))))
                .containsExactlyInAnyOrder(active, pending);
        assertThat(world.inOrg(org.id(), () -> repository().existing(group.id(), List.of()))).isEmpty();
    }

    @Test
    void counts_only_effective_direct_owners() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Team"), null);
        Group child = world.newGroup(org.id(), unique("Child"), group);
        Instant now = world.now();
        world.join(group, world.newMember(org, "owner"), GroupRole.OWNER, MembershipStatus.ACTIVE);
        world.join(group, world.newMember(org, "suspended"), GroupRole.OWNER, MembershipStatus.SUSPENDED);
        world.join(group, world.newMember(org, "ended"), new Membership.Terms(GroupRole.OWNER,
                MembershipStatus.ACTIVE, null, now.minus(Duration.ofMinutes(1)), Set.of()));
        world.join(group, world.newMember(org, "later"), new Membership.Terms(GroupRole.OWNER,
                MembershipStatus.ACTIVE, now.plus(Duration.ofDays(1)), null, Set.of()));
        world.join(group, world.newMember(org, "admin"), GroupRole.ADMIN, MembershipStatus.ACTIVE);
        world.join(child, world.newMember(org, "child-owner"), GroupRole.OWNER, MembershipStatus.ACTIVE);

        assertThat(world.inOrg(org.id(), () -> repository().countEffectiveOwners(group.id(), now))).isEqualTo(1);
        assertThat(world.inOrg(org.id(), () -> repository().countEffectiveOwners(group.id(),
                now.plus(Duration.ofDays(2))))).isEqualTo(2);
    }

    @Test
    void lists_direct_members_of_any_status_in_user_order_page_by_page_with_filters() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Team"), null);
        Group child = world.newGroup(org.id(), unique("Child"), group);
        world.join(child, world.newMember(org, "in-child"), GroupRole.MEMBER, MembershipStatus.ACTIVE);
        List<UserId> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserId userId = world.newMember(org, "m" + i);
            members.add(userId);
            world.join(group, userId, i == 0 ? GroupRole.OWNER : GroupRole.MEMBER,
                    i == 4 ? MembershipStatus.PENDING : MembershipStatus.ACTIVE);
        }

        List<UserId> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<Membership> page = world.inOrg(org.id(), () -> repository().listDirect(group.id(), null, current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(membership -> listed.add(membership.userId()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        assertThat(listed).containsExactlyElementsOf(members.stream().sorted().toList());

        assertThat(world.inOrg(org.id(), () -> repository().listDirect(group.id(),
                new Filter(null, MembershipStatus.PENDING), PageRequest.first(10))).items())
                .extracting(Membership::userId).containsExactly(members.get(4));
        assertThat(world.inOrg(org.id(), () -> repository().listDirect(group.id(),
                new Filter(GroupRole.OWNER, null), PageRequest.first(10))).items())
                .extracting(Membership::userId).containsExactly(members.getFirst());
        Page<Membership> none = world.inOrg(org.id(), () -> repository().listDirect(
                world.newGroup(org.id(), unique("Empty"), null).id(), null, PageRequest.first(10)));
        assertThat(none.items()).isEmpty();
        assertThat(none.nextCursor()).isNull();
    }

    @Test
    void effective_members_are_reached_through_the_nearest_effective_membership_in_user_order() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group root = world.newGroup(org.id(), unique("Root"), null);
        Group mid = world.newGroup(org.id(), unique("Mid"), root);
        Group leaf = world.newGroup(org.id(), unique("Leaf"), mid);
        UserId inRoot = world.newMember(org, "r");
        UserId inMid = world.newMember(org, "m");
        UserId inLeaf = world.newMember(org, "l");
        UserId inLeafAndRoot = world.newMember(org, "lr");
        UserId pendingInLeaf = world.newMember(org, "p");
        UserId endedInLeaf = world.newMember(org, "e");
        world.join(root, inRoot, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(mid, inMid, GroupRole.MODERATOR, MembershipStatus.ACTIVE);
        world.join(leaf, inLeaf, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(leaf, inLeafAndRoot, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(root, inLeafAndRoot, GroupRole.ADMIN, MembershipStatus.ACTIVE);
        world.join(leaf, pendingInLeaf, GroupRole.MEMBER, MembershipStatus.PENDING);
        world.join(leaf, endedInLeaf, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, null,
                world.now().minus(Duration.ofHours(1)), Set.of()));
        Instant now = world.now();

        Map<UserId, GroupId> ofRoot = effective(org.id(), root.id(), null, now);
        assertThat(ofRoot).containsOnly(Map.entry(inRoot, root.id()), Map.entry(inMid, mid.id()),
                Map.entry(inLeaf, leaf.id()), Map.entry(inLeafAndRoot, root.id()));
        assertThat(effective(org.id(), mid.id(), null, now)).containsOnly(Map.entry(inMid, mid.id()),
                Map.entry(inLeaf, leaf.id()), Map.entry(inLeafAndRoot, leaf.id()));
        // The filter applies to the nearest membership: the root admin is a plain member through the leaf.
        assertThat(effective(org.id(), root.id(), new Filter(GroupRole.MODERATOR, null), now))
                .containsOnly(Map.entry(inMid, mid.id()));
        assertThat(effective(org.id(), root.id(), new Filter(GroupRole.ADMIN, null), now))
                .containsOnly(Map.entry(inLeafAndRoot, root.id()));
        assertThat(effective(org.id(), leaf.id(), null, now)).containsOnlyKeys(inLeaf, inLeafAndRoot);

        List<UserId> paged = new ArrayList<>();
        PageRequest request = PageRequest.first(1);
        while (request != null) {
            PageRequest current = request;
            Page<EffectiveMember> page = world.inOrg(org.id(),
                    () -> repository().listEffective(root.id(), null, now, current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(1);
            page.items().forEach(member -> paged.add(member.membership().userId()));
            request = page.nextCursor() == null ? null : new PageRequest(1, page.nextCursor());
        }
        assertThat(paged).containsExactlyElementsOf(ofRoot.keySet().stream().sorted().toList());
    }

    @Test
    void groups_of_a_user_are_the_direct_ones_and_the_ancestors_of_effective_ones_once_each_by_name() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group root = world.newGroup(org.id(), "a " + unique("Root"), null);
        Group mid = world.newGroup(org.id(), "B " + unique("Mid"), root);
        Group leaf = world.newGroup(org.id(), "c " + unique("Leaf"), mid);
        Group pendingGroup = world.newGroup(org.id(), "d " + unique("Pending"), null);
        Group pendingChild = world.newGroup(org.id(), "e " + unique("Pending child"), pendingGroup);
        Group standalone = world.newGroup(null, "f " + unique("Club"), null);
        UserId userId = world.newMember(org, "user");
        Membership inLeaf = world.join(leaf, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        Membership inRoot = world.join(root, userId, GroupRole.ADMIN, MembershipStatus.ACTIVE);
        world.join(pendingChild, userId, GroupRole.MEMBER, MembershipStatus.PENDING);
        world.join(standalone, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);

        List<UserGroup> inOrg = allGroupsOf(userId, org.id(), 2);
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

        assertThat(allGroupsOf(userId, null, 100)).extracting(entry -> entry.group().id())
                .containsExactly(root.id(), mid.id(), leaf.id(), pendingChild.id(), standalone.id());
        assertThat(allGroupsOf(PortFixture.someUser("stranger"), null, 10)).isEmpty();

        // An ancestor is reached through the nearest group, whichever membership came first.
        UserId twice = world.newMember(org, "twice");
        world.join(leaf, twice, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(mid, twice, GroupRole.MODERATOR, MembershipStatus.ACTIVE);
        List<UserGroup> ofTwice = allGroupsOf(twice, org.id(), 10);
        assertThat(ofTwice).extracting(entry -> entry.group().id()).containsExactly(root.id(), mid.id(), leaf.id());
        assertThat(ofTwice.getFirst().via()).isEqualTo(mid.id());
        assertThat(ofTwice.getFirst().membership().role()).isEqualTo(GroupRole.MODERATOR);
    }

    @Test
    void removing_a_user_from_an_org_removes_their_memberships_of_its_groups_only() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group first = world.newGroup(org.id(), unique("First"), null);
        Group second = world.newGroup(org.id(), unique("Second"), null);
        Group standalone = world.newGroup(null, unique("Club"), null);
        UserId userId = world.newMember(org, "leaver");
        UserId stays = world.newMember(org, "stays");
        world.join(first, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(second, userId, GroupRole.MEMBER, MembershipStatus.PENDING);
        world.join(first, stays, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(standalone, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);

        List<GroupId> removed = world.inTransaction(() -> repository().removeFromOrg(org.id(), userId));

        assertThat(removed).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(allGroupsOf(userId, null, 10)).extracting(entry -> entry.group().id())
                .containsExactly(standalone.id());
        assertThat(allGroupsOf(stays, org.id(), 10)).extracting(entry -> entry.group().id())
                .containsExactly(first.id());
        assertThat(world.inTransaction(() -> repository().removeFromOrg(org.id(), userId))).isEmpty();
    }

    @Test
    void removes_ended_memberships_those_that_ended_first_first_in_batches() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Course"), null);
        Group standalone = world.newGroup(null, unique("Club"), null);
        // Ended long ago, before any other test's memberships, which may share the storage.
        Instant from = Instant.parse("1990-02-01T00:00:00Z");
        List<UserId> ended = new ArrayList<>();
        // Made in another order than they ended: the sweep goes by end of validity.
        int[] minutes = {3, 1, 2};
        for (int i = 0; i < 3; i++) {
            UserId userId = world.newMember(org, "ended");
            ended.add(userId);
            world.join(i == 0 ? standalone : group, userId, new Membership.Terms(GroupRole.MEMBER,
                    MembershipStatus.ACTIVE, from, from.plus(Duration.ofMinutes(minutes[i])), Set.of()));
        }
        UserId current = world.newMember(org, "current");
        world.join(group, current, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, from, null,
                Set.of()));
        Instant now = from.plus(Duration.ofHours(1));

        List<Membership> firstBatch = world.inTransaction(() -> repository().removeEnded(now, 2));
        List<Membership> secondBatch = world.inTransaction(() -> repository().removeEnded(now, 2));
        List<Membership> thirdBatch = world.inTransaction(() -> repository().removeEnded(now, 2));

        assertThat(firstBatch).extracting(Membership::userId).containsExactly(ended.get(1), ended.get(2));
        assertThat(firstBatch).extracting(Membership::orgId).containsOnly(org.id());
        assertThat(secondBatch).extracting(Membership::userId).containsExactly(ended.get(0));
        assertThat(secondBatch.getFirst().orgId()).isNull();
        assertThat(thirdBatch).isEmpty();
        assertThat(world.inOrg(org.id(), () -> repository().find(group.id(), ended.get(1)))).isEmpty();
        assertThat(world.inOrg(org.id(), () -> repository().find(group.id(), current))).isPresent();
    }

    private Map<UserId, GroupId> effective(OrgId orgId, GroupId groupId, Filter filter, Instant now) {
        return fixture().inOrg(orgId, () -> repository().listEffective(groupId, filter, now, PageRequest.first(100))
                .items().stream()
                .collect(Collectors.toMap(member -> member.membership().userId(), EffectiveMember::via)));
    }

    private List<UserGroup> allGroupsOf(UserId userId, OrgId orgId, int pageSize) {
        PortFixture world = fixture();
        Instant now = world.now();
        List<UserGroup> all = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        while (request != null) {
            PageRequest current = request;
            Page<UserGroup> page = world.inTransaction(() -> repository().groupsOf(userId, orgId, now, current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(pageSize, page.nextCursor());
        }
        return all;
    }
}
