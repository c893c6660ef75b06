package circles.application.port.out.event;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.event.PublicEventLog.Evaluation;
import circles.application.port.out.event.PublicEventLog.Feed;
import circles.application.port.out.event.PublicEventLog.FeedPosition;
import circles.application.port.out.event.PublicEventLog.PublicEvent;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.InvalidInput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link PublicEventLog} rely on: events come back in the order they were written, each once, with
 * their type, subject, time and data, only in their own org's feed; a cursor continues exactly after its position and
 * works for its org only; an evaluation is one event per member up to the limit and one bulk event above it; the
 * retention deletes only old events. A storage may show a committed event a little later (while older transactions
 * are still open), never out of order, so the reads below wait until what they expect is visible.
 */
public abstract class PublicEventLogContract {
    protected abstract PortFixture fixture();

    protected abstract PublicEventLog log();

    @Test
    void events_come_back_in_writing_order_with_their_data_and_only_in_their_orgs_feed() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        Instant at = world.now();
        PublicEvent created = groupEvent(org.id(), PublicEventType.GROUP_CREATED, at, Map.of("name", "Ops"));
        PublicEvent updated = groupEvent(org.id(), PublicEventType.GROUP_UPDATED, at, Map.of("name", "Ops 2"));
        PublicEvent elsewhere = groupEvent(other.id(), PublicEventType.GROUP_CREATED, at, Map.of("name", "X"));
        world.inOrg(org.id(), () -> log().append(created));
        world.inOrg(other.id(), () -> log().append(elsewhere));
        world.inOrg(org.id(), () -> log().append(updated));

        List<PublicEvent> read = readAll(world, org.id(), null, Set.of(), 2);

        assertThat(read).containsExactly(created, updated);
        assertThat(read.getFirst().source()).isEqualTo("/orgs/" + org.id());
        assertThat(readAll(world, other.id(), null, Set.of(), 10)).containsExactly(elsewhere);
    }

    @Test
    void a_cursor_continues_right_after_its_event_and_a_filter_keeps_only_its_types() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Instant at = world.now();
        List<PublicEvent> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PublicEvent event = groupEvent(org.id(), i % 2 == 0 ? PublicEventType.GROUP_CREATED
                    : PublicEventType.GROUP_DELETED, at, Map.of("n", i));
            written.add(event);
            world.inOrg(org.id(), () -> log().append(event));
        }
        Feed first = eventually(world, org.id(), null, Set.of(), 2, feed -> feed.events().size() == 2);
        assertThat(first.more()).isTrue();
        assertThat(first.events()).extracting(PublicEventLog.FeedEvent::event).containsExactly(written.get(0),
                written.get(1));

        String cursor = log().cursor(org.id(), first.next());
        FeedPosition after = world.inOrg(org.id(), () -> log().position(org.id(), cursor));
        assertThat(readAll(world, org.id(), after, Set.of(), 10)).containsExactlyElementsOf(written.subList(2, 5));
        assertThat(readAll(world, org.id(), null, Set.of(PublicEventType.GROUP_DELETED), 10))
                .containsExactly(written.get(1), written.get(3));
    }

    @Test
    void a_cursor_works_only_for_the_org_it_was_issued_for_and_only_unchanged() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        String cursor = world.inOrg(org.id(), () -> log().cursor(org.id(), log().now(org.id())));

        assertThatThrownBy(() -> world.inOrg(other.id(), () -> log().position(other.id(), cursor)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("invalid-cursor"));
        String changed = cursor.substring(0, cursor.length() - 1) + (cursor.endsWith("A") ? "B" : "A");
        assertThatThrownBy(() -> world.inOrg(org.id(), () -> log().position(org.id(), changed)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("invalid-cursor"));
    }

    @Test
    void reading_from_now_on_shows_only_events_written_later() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        PublicEvent before = groupEvent(org.id(), PublicEventType.GROUP_CREATED, world.now(), Map.of());
        world.inOrg(org.id(), () -> log().append(before));
        eventually(world, org.id(), null, Set.of(), 10, feed -> feed.events().size() == 1);
        FeedPosition now = world.inOrg(org.id(), () -> log().now(org.id()));
        PublicEvent later = groupEvent(org.id(), PublicEventType.GROUP_ARCHIVED, world.now(), Map.of());
        world.inOrg(org.id(), () -> log().append(later));

        assertThat(readAll(world, org.id(), now, Set.of(), 10)).containsExactly(later);
    }

    @Test
    void an_evaluation_is_one_event_per_member_up_to_the_limit_and_one_bulk_event_above_it() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        GroupId group = GroupId.random();
        UUID small = UUID.randomUUID();
        UUID big = UUID.randomUUID();
        Map<UserId, DynamicMembersStore.Via> added = new LinkedHashMap<>();
        added.put(new UserId("ana"), DynamicMembersStore.Via.RULE);
        added.put(new UserId("ben"), DynamicMembersStore.Via.INCLUDE);
        world.inOrg(org.id(), () -> log().appendEvaluation(new Evaluation(small, org.id(), group,
                MembershipHistory.Cause.DATA_CHANGE, added, List.of(new UserId("cy")), world.now()), 3));
        world.inOrg(org.id(), () -> log().appendEvaluation(new Evaluation(big, org.id(), group,
                MembershipHistory.Cause.SCHEDULE, added, List.of(new UserId("cy")), world.now()), 2));

        List<PublicEvent> read = readAll(world, org.id(), null, Set.of(), 10);

        assertThat(read).hasSize(4);
        assertThat(read.subList(0, 3)).extracting(PublicEvent::type).containsExactly(
                PublicEventType.GROUP_MEMBER_ADDED, PublicEventType.GROUP_MEMBER_ADDED,
                PublicEventType.GROUP_MEMBER_REMOVED);
        assertThat(read.subList(0, 3)).extracting(event -> event.data().get("userId"))
                .containsExactly("ana", "ben", "cy");
        assertThat(read.subList(0, 3)).extracting(event -> event.data().get("via"))
                .containsExactly("dynamic", "override", "dynamic");
        assertThat(read.subList(0, 3)).allSatisfy(event -> {
            assertThat(event.subject()).isEqualTo(group.toString());
            assertThat(event.data()).containsEntry("cause", "data_change")
                    .containsEntry("evaluationId", small.toString()).containsEntry("kind", "dynamic")
                    .containsEntry("groupId", group.toString()).containsEntry("orgId", org.id().toString())
                    .containsEntry("viaGroupId", null);
        });
        PublicEvent bulk = read.get(3);
        assertThat(bulk.type()).isEqualTo(PublicEventType.GROUP_MEMBERS_BULK_CHANGED);
        assertThat(bulk.data()).containsEntry("evaluationId", big.toString()).containsEntry("cause", "schedule");
        assertThat(((Number) bulk.data().get("added")).intValue()).isEqualTo(2);
        assertThat(((Number) bulk.data().get("removed")).intValue()).isEqualTo(1);
    }

    @Test
    void the_retention_deletes_old_events_and_keeps_recent_ones() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Instant now = world.now();
        PublicEvent old = groupEvent(org.id(), PublicEventType.GROUP_CREATED, now.minus(30, ChronoUnit.DAYS),
                Map.of());
        PublicEvent recent = groupEvent(org.id(), PublicEventType.GROUP_UPDATED, now, Map.of());
        world.inOrg(org.id(), () -> log().append(old));
        world.inOrg(org.id(), () -> log().append(recent));

        int purged = world.inTransaction(() -> log().purgeOlderThan(now.minus(20, ChronoUnit.DAYS), 1000));

        assertThat(purged).isPositive();
        assertThat(readAll(world, org.id(), null, Set.of(), 10)).containsExactly(recent);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static PublicEvent groupEvent(OrgId orgId, PublicEventType type, Instant at, Map<String, Object> data) {
        Map<String, Object> withGroup = new LinkedHashMap<>(data);
        GroupId group = GroupId.random();
        withGroup.put("groupId", group.toString());
        return new PublicEvent(UUID.randomUUID(), orgId, type, group.toString(), at.truncatedTo(ChronoUnit.MICROS),
                withGroup);
    }

    /** Every event after {@code after}, page by page, once the feed stops growing for a moment. */
    private List<PublicEvent> readAll(PortFixture world, OrgId orgId, FeedPosition after, Set<PublicEventType> types,
                                      int limit) {
        List<PublicEvent> previous = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<PublicEvent> read = new ArrayList<>();
            FeedPosition from = after;
            Feed feed;
            do {
                FeedPosition current = from;
                feed = world.inOrg(orgId, () -> log().read(orgId, current, types, limit));
                feed.events().forEach(event -> read.add(event.event()));
                assertThat(feed.events()).hasSizeLessThanOrEqualTo(limit);
                from = feed.next();
            } while (feed.more());
            if (read.equals(previous) || Instant.now().isAfter(deadline)) {
                return read;
            }
            previous = read;
            pause();
        }
    }

    private Feed eventually(PortFixture world, OrgId orgId, FeedPosition after, Set<PublicEventType> types,
                            int limit, java.util.function.Predicate<Feed> expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Supplier<Feed> read = () -> world.inOrg(orgId, () -> log().read(orgId, after, types, limit));
        Feed feed = read.get();
        while (!expected.test(feed) && Instant.now().isBefore(deadline)) {
            pause();
            feed = read.get();
        }
        return feed;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
