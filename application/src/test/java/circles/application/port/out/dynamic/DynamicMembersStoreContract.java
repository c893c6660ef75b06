package circles.application.port.out.dynamic;

import circles.application.port.out.dynamic.DynamicMembersStore.Diff;
import circles.application.port.out.dynamic.DynamicMembersStore.DynamicMember;
import circles.application.port.out.dynamic.DynamicMembersStore.DynamicMembership;
import circles.application.port.out.dynamic.DynamicMembersStore.MemberAt;
import circles.application.port.out.dynamic.DynamicMembersStore.Via;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.org.Organization;
import circles.domain.shared.DomainException;
import circles.domain.shared.NotFound;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link DynamicMembersStore} rely on, whichever storage serves it: a snapshot per dynamic group that
 * a write replaces by its difference, members who keep the time they joined, how each is a member (rule or include),
 * the members at a past time, a user's dynamic groups within one org, and only members of the org as computed
 * members. Each case deletes the groups it made, in their org's scope, so that no dynamic group of it is left for a
 * refresh to pick up.
 */
public abstract class DynamicMembersStoreContract {
    protected abstract PortFixture fixture();

    protected abstract DynamicMembersStore store();

    @Test
    void the_first_write_adds_everyone_and_the_next_writes_only_the_difference() {
        inAnOrgWithADynamicGroup((world, scene) -> {
            List<UserId> people = scene.people();
            Instant first = world.now().minus(Duration.ofHours(1));
            Diff initial = scene.apply(Set.of(people.get(0), people.get(1), people.get(2)), Set.of(), first);
            assertThat(initial.added()).containsExactlyInAnyOrder(people.get(0), people.get(1), people.get(2));
            assertThat(initial.removed()).isEmpty();
            assertThat(initial.unchanged()).isZero();

            Diff next = scene.apply(Set.of(people.get(1), people.get(2), people.get(3)), Set.of(), world.now());
            assertThat(next.added()).containsExactly(people.get(3));
            assertThat(next.removed()).containsExactly(people.get(0));
            assertThat(next.unchanged()).isEqualTo(2);
            assertThat(next.memberCount()).isEqualTo(3);

            assertThat(scene.read(() -> store().memberIds(scene.group(), scene.org())))
                    .containsExactlyInAnyOrder(people.get(1), people.get(2), people.get(3));
            DynamicMember kept = scene.read(() -> store().member(scene.group(), scene.org(), people.get(1)))
                    .orElseThrow();
            assertThat(kept.since()).as("a member keeps the time they joined").isEqualTo(first);
            assertThat(kept.via()).isEqualTo(Via.RULE);
            assertThat(scene.read(() -> store().member(scene.group(), scene.org(), people.get(0)))).isEmpty();

            Diff same = scene.apply(Set.of(people.get(1), people.get(2), people.get(3)), Set.of(), world.now());
            assertThat(same.isEmpty()).isTrue();
            assertThat(same.unchanged()).isEqualTo(3);
            assertThat(scene.apply(Set.of(), Set.of(), world.now()).removed())
                    .containsExactlyInAnyOrder(people.get(1), people.get(2), people.get(3));
            assertThat(scene.read(() -> store().memberIds(scene.group(), scene.org()))).isEmpty();
        });
    }

    @Test
    void an_include_becoming_a_rule_match_changes_how_not_whether_someone_is_a_member() {
        inAnOrgWithADynamicGroup((world, scene) -> {
            List<UserId> people = scene.people();
            scene.apply(Set.of(people.get(0), people.get(1)), Set.of(people.get(1)), world.now());
            Diff diff = scene.apply(Set.of(people.get(0), people.get(1)), Set.of(people.get(0)), world.now());

            assertThat(diff.isEmpty()).isTrue();
            assertThat(scene.read(() -> store().member(scene.group(), scene.org(), people.get(0))).orElseThrow().via())
                    .isEqualTo(Via.INCLUDE);
            assertThat(scene.read(() -> store().member(scene.group(), scene.org(), people.get(1))).orElseThrow().via())
                    .isEqualTo(Via.RULE);
        });
    }

    @Test
    void one_member_is_added_or_removed_on_its_own() {
        inAnOrgWithADynamicGroup((world, scene) -> {
            List<UserId> people = scene.people();
            scene.apply(Set.of(people.get(0)), Set.of(), world.now());

            Diff added = scene.applyOne(people.get(1), Via.RULE);
            assertThat(added.added()).containsExactly(people.get(1));
            assertThat(added.memberCount()).isEqualTo(2);
            assertThat(scene.applyOne(people.get(1), Via.RULE).isEmpty()).isTrue();
            assertThat(scene.applyOne(people.get(1), Via.INCLUDE).isEmpty()).isTrue();
            assertThat(scene.read(() -> store().member(scene.group(), scene.org(), people.get(1))).orElseThrow().via())
                    .isEqualTo(Via.INCLUDE);
            Diff removed = scene.applyOne(people.get(0), null);
            assertThat(removed.removed()).containsExactly(people.get(0));
            assertThat(removed.memberCount()).isEqualTo(1);
            assertThat(scene.applyOne(people.get(2), null).isEmpty()).isTrue();

            assertThat(scene.read(() -> store().memberIds(scene.group(), scene.org()))).containsExactly(people.get(1));
        });
    }

    @Test
    void members_come_in_pages_by_user_id_and_a_users_dynamic_groups_are_those_of_the_org() {
        inAnOrgWithADynamicGroup((world, scene) -> {
            List<UserId> people = scene.people();
            scene.apply(Set.copyOf(people), Set.of(people.get(4)), world.now());
            GroupId other = scene.newDynamicGroup();
            scene.write(() -> store().applyDiff(other, scene.org(), Set.of(people.get(4)), Cause.RULE_CHANGE,
                    world.now()));

            List<UserId> listed = new ArrayList<>();
            PageRequest request = PageRequest.first(2);
            while (request != null) {
                PageRequest current = request;
                Page<DynamicMember> page = scene.read(() -> store().members(scene.group(), scene.org(), current));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
                page.items().forEach(member -> listed.add(member.userId()));
                request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            }
            assertThat(listed).containsExactlyElementsOf(people.stream().sorted().toList());

            List<DynamicMembership> groupsOfFifth = scene.read(() -> store().groupsOfUser(scene.org(),
                    people.get(4)));
            assertThat(groupsOfFifth).extracting(DynamicMembership::groupId)
                    .containsExactlyInAnyOrder(scene.group(), other);
            assertThat(groupsOfFifth).filteredOn(membership -> membership.groupId().equals(scene.group()))
                    .extracting(DynamicMembership::via).containsExactly(Via.INCLUDE);
            assertThat(scene.read(() -> store().groupsOfUser(scene.org(), people.get(0))))
                    .extracting(DynamicMembership::groupId).containsExactly(scene.group());
            Organization elsewhere = world.newOrg();
            assertThat(world.inOrg(elsewhere.id(), () -> store().groupsOfUser(elsewhere.id(), people.get(4))))
                    .isEmpty();
        });
    }

    @Test
    void the_members_at_a_past_time_are_those_its_history_tells_since_their_last_addition() {
        inAnOrgWithADynamicGroup((world, scene) -> {
            List<UserId> people = scene.people();
            Instant first = world.now().minus(Duration.ofHours(2));
            Instant second = first.plus(Duration.ofHours(1));
            Instant third = second.plus(Duration.ofMinutes(30));
            scene.apply(Set.of(people.get(0), people.get(1)), Set.of(), first);
            scene.apply(Set.of(people.get(1), people.get(2)), Set.of(), second);
            scene.apply(Set.of(people.get(0), people.get(2)), Set.of(), third);

            assertThat(scene.membersAt(first.minusSeconds(1), 10)).isEmpty();
            assertThat(scene.membersAt(first, 10)).extracting(MemberAt::userId)
                    .containsExactlyElementsOf(sorted(people.get(0), people.get(1)));
            List<MemberAt> afterSecond = scene.membersAt(second.plusSeconds(1), 10);
            assertThat(afterSecond).extracting(MemberAt::userId)
                    .containsExactlyElementsOf(sorted(people.get(1), people.get(2)));
            assertThat(afterSecond).filteredOn(member -> member.userId().equals(people.get(1)))
                    .extracting(MemberAt::since).containsExactly(first);
            List<MemberAt> latest = scene.membersAt(world.now(), 1);
            assertThat(latest).extracting(MemberAt::userId)
                    .containsExactlyElementsOf(sorted(people.get(0), people.get(2)));
            // Removed at the second write and added again at the third: a member since the third.
            assertThat(latest).filteredOn(member -> member.userId().equals(people.get(0)))
                    .extracting(MemberAt::since).containsExactly(third);
            assertThat(latest).filteredOn(member -> member.userId().equals(people.get(2)))
                    .extracting(MemberAt::since).containsExactly(second);
        });
    }

    @Test
    void only_members_of_the_org_become_computed_members_of_its_dynamic_groups() {
        inAnOrgWithADynamicGroup((world, scene) -> {
            List<UserId> people = scene.people();
            scene.apply(Set.of(people.get(0)), Set.of(), world.now());
            UserId stranger = PortFixture.someUser("stranger");

            assertThatThrownBy(() -> scene.apply(Set.of(people.get(1), stranger), Set.of(), world.now()))
                    .isInstanceOf(DomainException.class);
            assertThatThrownBy(() -> scene.applyOne(stranger, Via.RULE)).isInstanceOf(DomainException.class);
            assertThat(scene.read(() -> store().memberIds(scene.group(), scene.org())))
                    .as("a refused write changes nothing").containsExactly(people.get(0));

            Group staticGroup = world.newGroup(scene.org(), unique("Static"), null, Visibility.PRIVATE);
            scene.made().add(staticGroup.id());
            assertThatThrownBy(() -> scene.write(() -> store().applyDiff(staticGroup.id(), scene.org(),
                    Set.of(people.get(0)), Cause.RULE_CHANGE, world.now()))).isInstanceOf(DomainException.class);
            Organization otherOrg = world.newOrg();
            assertThatThrownBy(() -> world.inOrg(otherOrg.id(), () -> store().applyDiff(scene.group(), otherOrg.id(),
                    Set.of(), Cause.RULE_CHANGE, world.now()))).isInstanceOf(NotFound.class);
            assertThat(scene.read(() -> store().memberIds(scene.group(), scene.org()))).containsExactly(people.get(0));
        });
    }

    /** An org with five plain members and a dynamic group, which the case works in. */
    protected record Scene(PortFixture world, circles.domain.org.OrgId org, GroupId group, List<UserId> people,
                           List<GroupId> made, DynamicMembersStore store) {
        Diff apply(Set<UserId> target, Set<UserId> included, Instant at) {
            return write(() -> store.applyDiff(group, org, target, included, Cause.RULE_CHANGE, at));
        }

        Diff applyOne(UserId userId, Via via) {
            return write(() -> store.applyOne(group, org, userId, via, Cause.DATA_CHANGE, world.now()));
        }

        List<MemberAt> membersAt(Instant at, int pageSize) {
            List<MemberAt> found = new ArrayList<>();
            PageRequest request = PageRequest.first(pageSize);
            while (request != null) {
                PageRequest current = request;
                Page<MemberAt> page = read(() -> store.membersAt(group, org, at, current));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
                found.addAll(page.items());
                request = page.nextCursor() == null ? null : new PageRequest(pageSize, page.nextCursor());
            }
            return found;
        }

        <T> T write(java.util.function.Supplier<T> work) {
            return world.inOrg(org, work);
        }

        <T> T read(java.util.function.Supplier<T> work) {
            return world.inOrg(org, work);
        }

        GroupId newDynamicGroup() {
            String name = unique("Computed");
            Group group = world.newGroup(new Group.Draft(org, new GroupDescription(name, null, null, null, null), null,
                    GroupType.CUSTOM, GroupKind.DYNAMIC, null, Visibility.PRIVATE, null, null, null, null),
                    new UserId("owner"), world.now());
            made.add(group.id());
            return group.id();
        }
    }

    private void inAnOrgWithADynamicGroup(java.util.function.BiConsumer<PortFixture, Scene> body) {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        List<UserId> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(world.newMember(org, "m" + i));
        }
        List<GroupId> made = new ArrayList<>();
        Scene scene = new Scene(world, org.id(), null, people, made, store());
        Scene withGroup = new Scene(world, org.id(), scene.newDynamicGroup(), people, made, store());
        try {
            body.accept(world, withGroup);
        } finally {
            // In the org's scope: row-level security hides the org's groups from a delete outside it.
            world.inOrg(org.id(), () -> {
                world.groups().delete(made);
                return null;
            });
        }
    }

    private static List<UserId> sorted(UserId... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }
}
