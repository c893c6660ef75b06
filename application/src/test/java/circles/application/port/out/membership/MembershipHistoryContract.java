package circles.application.port.out.membership;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.membership.MembershipHistory.Change;
import circles.application.port.out.membership.MembershipHistory.Event;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.org.Organization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What callers of {@link MembershipHistory} rely on: every change the dynamic members store writes is an event, listed
 * newest first page by page, filtered by member and by cause, and read only through the group's own org. Served only
 * by PostgreSQL: the in-memory history lives inside the in-memory dynamic-group ports and has no port of its own, so
 * only the adapter test extends this contract. Each case deletes the dynamic group it made.
 */
public abstract class MembershipHistoryContract {
    protected abstract PortFixture fixture();

    protected abstract MembershipHistory history();

    /** Writes the members, and so the history, of the same storage. */
    protected abstract DynamicMembersStore dynamicMembers();

    @Test
    void the_events_of_one_evaluation_are_listed_by_its_id() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newDynamicGroup(org.id(), "Evaluated");
        try {
            UserId ana = world.newMember(org, "ana");
            UserId ben = world.newMember(org, "ben");
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            Instant start = world.now().minusSeconds(60);
            world.inOrg(org.id(), () -> {
                dynamicMembers().applyDiff(group.id(), org.id(), Set.of(ana, ben), Set.of(), Cause.RULE_CHANGE, first,
                        start);
                dynamicMembers().applyOne(group.id(), org.id(), ana, null, Cause.OVERRIDE, second,
                        start.plusSeconds(5));
            });

            assertThat(world.inOrg(org.id(), () -> history().events(group.id(), org.id(), null, null, first,
                    PageRequest.first(10))).items()).extracting(Event::userId, Event::change, Event::evaluationId)
                    .containsExactlyInAnyOrder(tuple(ana, Change.ADDED, first), tuple(ben, Change.ADDED, first));
            assertThat(world.inOrg(org.id(), () -> history().events(group.id(), org.id(), null, null, second,
                    PageRequest.first(10))).items()).extracting(Event::userId, Event::change)
                    .containsExactly(tuple(ana, Change.REMOVED));
        } finally {
            world.deleteGroups(org.id(), List.of(group.id()));
        }
    }

    @Test
    void every_change_is_an_event_listed_newest_first_page_by_page_and_filtered_by_member_and_cause() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newDynamicGroup(org.id(), "Historic");
        try {
            UserId ana = world.newMember(org, "ana");
            UserId ben = world.newMember(org, "ben");
            Instant start = world.now().minusSeconds(60);
            world.inOrg(org.id(), () -> {
                dynamicMembers().applyDiff(group.id(), org.id(), Set.of(ana, ben), Cause.RULE_CHANGE, start);
                dynamicMembers().applyDiff(group.id(), org.id(), Set.of(ben), Cause.DATA_CHANGE,
                        start.plusSeconds(10));
                dynamicMembers().applyDiff(group.id(), org.id(), Set.of(ana, ben), Cause.SCHEDULE,
                        start.plusSeconds(20));
            });

            List<Event> all = new ArrayList<>();
            PageRequest request = PageRequest.first(2);
            int pages = 0;
            while (request != null) {
                PageRequest current = request;
                Page<Event> page = world.inOrg(org.id(), () -> history().events(group.id(), org.id(), null,
                        current));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
                all.addAll(page.items());
                request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
                pages++;
            }
            assertThat(pages).isEqualTo(2);
            assertThat(all).extracting(Event::userId, Event::change, Event::cause, Event::occurredAt).startsWith(
                    tuple(ana, Change.ADDED, Cause.SCHEDULE, start.plusSeconds(20)),
                    tuple(ana, Change.REMOVED, Cause.DATA_CHANGE, start.plusSeconds(10)));
            assertThat(all.subList(2, 4)).extracting(Event::userId, Event::change, Event::cause)
                    .containsExactlyInAnyOrder(tuple(ana, Change.ADDED, Cause.RULE_CHANGE),
                            tuple(ben, Change.ADDED, Cause.RULE_CHANGE));
            assertThat(all).allSatisfy(event -> assertThat(event.groupId()).isEqualTo(group.id()));

            assertThat(world.inOrg(org.id(), () -> history().events(group.id(), org.id(), ana,
                    PageRequest.first(10))).items()).extracting(Event::change)
                    .containsExactly(Change.ADDED, Change.REMOVED, Change.ADDED);
            assertThat(world.inOrg(org.id(), () -> history().events(group.id(), org.id(), null, Cause.RULE_CHANGE,
                    PageRequest.first(10))).items()).extracting(Event::userId).containsExactlyInAnyOrder(ana, ben);
            assertThat(world.inOrg(org.id(), () -> history().events(group.id(), org.id(), ben, Cause.SCHEDULE,
                    PageRequest.first(10))).items()).isEmpty();
            Organization other = world.newOrg();
            assertThat(world.inOrg(other.id(), () -> history().events(group.id(), other.id(), null,
                    PageRequest.first(10))).items()).isEmpty();
        } finally {
            world.deleteGroups(org.id(), List.of(group.id()));
        }
    }
}
