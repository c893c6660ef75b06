package circles.adapter.out.persistence.dynamic;

import circles.application.port.out.dynamic.DynamicMembersStore.Diff;
import circles.application.port.out.dynamic.DynamicMembersStore.DynamicMember;
import circles.application.port.out.dynamic.DynamicMembersStore.DynamicMembership;
import circles.application.port.out.dynamic.DynamicMembersStore.MemberAt;
import circles.application.port.out.dynamic.DynamicMembersStore.Via;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.membership.MembershipHistory.Change;
import circles.application.port.out.membership.MembershipHistory.Event;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.Visibility;
import circles.domain.org.Organization;
import circles.domain.shared.DomainException;
import circles.domain.shared.NotFound;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@QuarkusTest
class DynamicMembersStoreTest extends DynamicGroupsTest {
    private Organization org;
    private Group group;
    private List<UserId> people;

    @BeforeEach
    void anOrgWithADynamicGroup() {
        org = newOrg();
        group = newDynamicGroup(org.id());
        people = newMembers(org.id(), 5);
    }

    private Diff apply(Set<UserId> target, Set<UserId> included, Cause cause, Instant at) {
        return tx(() -> dynamicMembers.applyDiff(group.id(), org.id(), target, included, cause, at));
    }

    @Test
    void the_first_write_adds_everyone_and_a_second_writes_only_the_difference() {
        Instant first = now().minus(1, ChronoUnit.HOURS);
        Diff initial = apply(Set.of(people.get(0), people.get(1), people.get(2)), Set.of(), Cause.RULE_CHANGE, first);
        assertThat(initial.added()).containsExactlyInAnyOrder(people.get(0), people.get(1), people.get(2));
        assertThat(initial.removed()).isEmpty();
        assertThat(initial.unchanged()).isZero();

        Instant second = now();
        Diff next = apply(Set.of(people.get(1), people.get(2), people.get(3)), Set.of(), Cause.SCHEDULE, second);
        assertThat(next.added()).containsExactly(people.get(3));
        assertThat(next.removed()).containsExactly(people.get(0));
        assertThat(next.unchanged()).isEqualTo(2);
        assertThat(next.memberCount()).isEqualTo(3);

        assertThat(tx(() -> dynamicMembers.memberIds(group.id(), org.id())))
                .containsExactlyInAnyOrder(people.get(1), people.get(2), people.get(3));
        DynamicMember kept = tx(() -> dynamicMembers.member(group.id(), org.id(), people.get(1))).orElseThrow();
        assertThat(kept.since()).isEqualTo(first);
        assertThat(kept.via()).isEqualTo(Via.RULE);
        assertThat(tx(() -> dynamicMembers.member(group.id(), org.id(), people.get(0)))).isEmpty();

        RefreshClaims.State state = tx(() -> claims.state(group.id(), org.id())).orElseThrow();
        assertThat(state.memberCount()).isEqualTo(3);
        assertThat(state.lastComputedAt()).isEqualTo(second);

        Diff same = apply(Set.of(people.get(1), people.get(2), people.get(3)), Set.of(), Cause.SCHEDULE, now());
        assertThat(same.isEmpty()).isTrue();
        assertThat(same.unchanged()).isEqualTo(3);
    }

    @Test
    void every_added_and_removed_member_is_one_history_event_with_its_cause_newest_first() {
        Instant first = now().minus(2, ChronoUnit.HOURS);
        Instant second = first.plus(1, ChronoUnit.HOURS);
        apply(Set.of(people.get(0), people.get(1)), Set.of(), Cause.RULE_CHANGE, first);
        apply(Set.of(people.get(1), people.get(2)), Set.of(), Cause.DATA_CHANGE, second);

        List<Event> events = tx(() -> history.events(group.id(), org.id(), null, PageRequest.first(50))).items();
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 2)).extracting(Event::occurredAt).containsOnly(second);
        assertThat(events.subList(0, 2)).extracting(Event::userId, Event::change, Event::cause)
                .containsExactlyInAnyOrder(
                        tuple(people.get(0), Change.REMOVED, Cause.DATA_CHANGE),
                        tuple(people.get(2), Change.ADDED, Cause.DATA_CHANGE));
        assertThat(events.subList(2, 4)).extracting(Event::change, Event::cause, Event::occurredAt)
                .containsOnly(tuple(Change.ADDED, Cause.RULE_CHANGE, first));

        List<Event> ofOne = tx(() -> history.events(group.id(), org.id(), people.get(0), PageRequest.first(50)))
                .items();
        assertThat(ofOne).extracting(Event::change).containsExactly(Change.REMOVED, Change.ADDED);
        assertThat(tx(() -> history.events(group.id(), org.id(), null, Cause.RULE_CHANGE, PageRequest.first(50)))
                .items()).isEqualTo(events.subList(2, 4));
        assertThat(tx(() -> history.events(group.id(), org.id(), people.get(0), Cause.DATA_CHANGE,
                PageRequest.first(50))).items()).extracting(Event::userId, Event::change)
                .containsExactly(tuple(people.get(0), Change.REMOVED));
        assertThat(tx(() -> history.events(group.id(), org.id(), null, Cause.OVERRIDE, PageRequest.first(50)))
                .items()).isEmpty();

        List<Event> paged = new ArrayList<>();
        String cursor = null;
        do {
            String next = cursor;
            Page<Event> page = tx(() -> history.events(group.id(), org.id(), null, new PageRequest(1, next)));
            paged.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).isEqualTo(events);
    }

    @Test
    void the_members_at_a_time_come_from_the_history() {
        Instant first = now().minus(2, ChronoUnit.HOURS);
        Instant second = first.plus(1, ChronoUnit.HOURS);
        apply(Set.of(people.get(0), people.get(1)), Set.of(), Cause.RULE_CHANGE, first);
        apply(Set.of(people.get(1), people.get(2)), Set.of(), Cause.SCHEDULE, second);
        apply(Set.of(people.get(0), people.get(2)), Set.of(), Cause.SCHEDULE, second.plus(30, ChronoUnit.MINUTES));

        assertThat(tx(() -> dynamicMembers.membersAt(group.id(), org.id(), first.minusSeconds(1),
                PageRequest.first(10))).items()).isEmpty();
        assertThat(tx(() -> dynamicMembers.membersAt(group.id(), org.id(), first, PageRequest.first(10))).items())
                .extracting(MemberAt::userId).containsExactlyElementsOf(sorted(people.get(0), people.get(1)));
        List<MemberAt> afterSecond = tx(() -> dynamicMembers.membersAt(group.id(), org.id(), second.plusSeconds(1),
                PageRequest.first(10))).items();
        assertThat(afterSecond).extracting(MemberAt::userId)
                .containsExactlyElementsOf(sorted(people.get(1), people.get(2)));
        assertThat(afterSecond).filteredOn(member -> member.userId().equals(people.get(1)))
                .extracting(MemberAt::since).containsExactly(first);
        assertThat(afterSecond).filteredOn(member -> member.userId().equals(people.get(2)))
                .extracting(MemberAt::since).containsExactly(second);
        Instant at = now();
        Page<MemberAt> firstPage = tx(() -> dynamicMembers.membersAt(group.id(), org.id(), at,
                PageRequest.first(1)));
        assertThat(firstPage.items()).extracting(MemberAt::userId)
                .containsExactly(sorted(people.get(0), people.get(2)).getFirst());
        Page<MemberAt> secondPage = tx(() -> dynamicMembers.membersAt(group.id(), org.id(), at,
                new PageRequest(1, firstPage.nextCursor())));
        assertThat(secondPage.items()).extracting(MemberAt::userId)
                .containsExactly(sorted(people.get(0), people.get(2)).getLast());
        // Removed at the second evaluation and added again half an hour later: a member since the later addition.
        assertThat(tx(() -> dynamicMembers.membersAt(group.id(), org.id(), now(), PageRequest.first(10))).items())
                .filteredOn(member -> member.userId().equals(people.get(0)))
                .extracting(MemberAt::since).containsExactly(second.plus(30, ChronoUnit.MINUTES));
    }

    @Test
    void members_are_listed_in_pages_and_a_users_dynamic_groups_are_found() {
        apply(Set.copyOf(people), Set.of(people.get(4)), Cause.RULE_CHANGE, now());
        Group other = newDynamicGroup(org.id());
        inTx(() -> dynamicMembers.applyDiff(other.id(), org.id(), Set.of(people.get(4)), Cause.RULE_CHANGE, now()));

        List<UserId> listed = new ArrayList<>();
        String cursor = null;
        do {
            String next = cursor;
            Page<DynamicMember> page = tx(() -> dynamicMembers.members(group.id(), org.id(), new PageRequest(2, next)));
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().forEach(member -> listed.add(member.userId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(listed).containsExactlyElementsOf(sorted(people.toArray(UserId[]::new)));

        List<DynamicMembership> groupsOfFifth = tx(() -> dynamicMembers.groupsOfUser(org.id(), people.get(4)));
        assertThat(groupsOfFifth).extracting(DynamicMembership::groupId)
                .containsExactlyInAnyOrder(group.id(), other.id());
        assertThat(groupsOfFifth).filteredOn(membership -> membership.groupId().equals(group.id()))
                .extracting(DynamicMembership::via).containsExactly(Via.INCLUDE);
        assertThat(tx(() -> dynamicMembers.groupsOfUser(org.id(), people.get(0)))).extracting(DynamicMembership::groupId)
                .containsExactly(group.id());
        assertThat(tx(() -> dynamicMembers.groupsOfUser(newOrg().id(), people.get(4)))).isEmpty();
    }

    @Test
    void an_include_becoming_a_rule_match_changes_how_not_whether_someone_is_a_member() {
        apply(Set.of(people.get(0), people.get(1)), Set.of(people.get(1)), Cause.RULE_CHANGE, now());
        Diff diff = apply(Set.of(people.get(0), people.get(1)), Set.of(people.get(0)), Cause.OVERRIDE, now());
        assertThat(diff.isEmpty()).isTrue();
        assertThat(tx(() -> dynamicMembers.member(group.id(), org.id(), people.get(0))).orElseThrow().via())
                .isEqualTo(Via.INCLUDE);
        assertThat(tx(() -> dynamicMembers.member(group.id(), org.id(), people.get(1))).orElseThrow().via())
                .isEqualTo(Via.RULE);
    }

    @Test
    void one_member_is_added_or_removed_on_its_own() {
        apply(Set.of(people.get(0)), Set.of(), Cause.RULE_CHANGE, now());
        Diff added = tx(() -> dynamicMembers.applyOne(group.id(), org.id(), people.get(1), Via.RULE, Cause.DATA_CHANGE,
                now()));
        assertThat(added.added()).containsExactly(people.get(1));
        Diff again = tx(() -> dynamicMembers.applyOne(group.id(), org.id(), people.get(1), Via.RULE, Cause.DATA_CHANGE,
                now()));
        assertThat(again.isEmpty()).isTrue();
        Diff removed = tx(() -> dynamicMembers.applyOne(group.id(), org.id(), people.get(0), null, Cause.DATA_CHANGE,
                now()));
        assertThat(removed.removed()).containsExactly(people.get(0));
        assertThat(tx(() -> dynamicMembers.memberIds(group.id(), org.id()))).containsExactly(people.get(1));
        assertThat(tx(() -> claims.state(group.id(), org.id())).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(tx(() -> history.events(group.id(), org.id(), null, PageRequest.first(10))).items()).hasSize(3);
    }

    @Test
    void only_members_of_the_org_and_only_dynamic_groups_take_computed_members() {
        UserId stranger = user("stranger");
        assertThatThrownBy(() -> apply(Set.of(people.get(0), stranger), Set.of(), Cause.RULE_CHANGE, now()))
                .isInstanceOf(DomainException.class);
        assertThat(tx(() -> dynamicMembers.memberIds(group.id(), org.id()))).isEmpty();

        Group staticGroup = newGroup(org.id(), unique("Static"), null, Visibility.PRIVATE);
        assertThatThrownBy(() -> tx(() -> dynamicMembers.applyDiff(staticGroup.id(), org.id(), Set.of(people.get(0)),
                Cause.RULE_CHANGE, now()))).isInstanceOf(DomainException.class);
        Organization otherOrg = newOrg();
        assertThatThrownBy(() -> tx(() -> dynamicMembers.applyDiff(group.id(), otherOrg.id(), Set.of(),
                Cause.RULE_CHANGE, now()))).isInstanceOf(NotFound.class);
    }

    @Test
    void computed_members_are_never_rows_of_the_static_memberships_and_leaving_the_org_ends_them() {
        apply(Set.of(people.get(0), people.get(1)), Set.of(), Cause.RULE_CHANGE, now());
        assertThat(tx(() -> {
            tenant.enter(org.id());
            return memberships.find(group.id(), people.get(0));
        })).isEmpty();

        inTx(() -> {
            tenant.enter(org.id());
            orgMembers.delete(org.id(), people.get(0));
        });
        assertThat(tx(() -> dynamicMembers.memberIds(group.id(), org.id()))).containsExactly(people.get(1));
    }

    @Test
    void a_stranger_is_refused_on_the_incremental_path_too_and_deleting_the_group_deletes_its_snapshot_and_history() {
        assertThatThrownBy(() -> tx(() -> dynamicMembers.applyOne(group.id(), org.id(), user("stranger"), Via.RULE,
                Cause.DATA_CHANGE, now()))).isInstanceOf(DomainException.class);
        apply(Set.of(people.get(0), people.get(1)), Set.of(), Cause.RULE_CHANGE, now());

        unitOfWork.run(() -> {
            tenant.enter(org.id());
            groups.delete(List.of(group.id()));
        });
        assertThat(tx(() -> dynamicMembers.groupsOfUser(org.id(), people.get(0)))).isEmpty();
        assertThat(tx(() -> history.events(group.id(), org.id(), null, PageRequest.first(10))).items()).isEmpty();
    }

    private static List<UserId> sorted(UserId... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }
}
