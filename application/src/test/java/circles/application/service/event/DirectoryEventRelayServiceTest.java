package circles.application.service.event;

import circles.application.InMemoryDatabase;
import circles.application.InMemoryUnitOfWork;
import circles.application.MutableClock;
import circles.application.port.in.event.HandleDirectoryEventUseCase;
import circles.application.port.out.event.DirectoryEventOutbox;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.MembersImported;
import circles.domain.org.OrgId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay over an outbox kept in memory: what it delivers, in which order, when it retries, when it gives up. The
 * same relay over the PostgreSQL outbox (claims across instances, commit and rollback) is tested in bootstrap.
 */
class DirectoryEventRelayServiceTest {
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final OrgId ORG = new OrgId(UUID.randomUUID());
    private static final DirectoryEventOutbox.Queue ORG_WIDE = new DirectoryEventOutbox.Queue(ORG, Optional.empty());

    private final MutableClock clock = new MutableClock(START);
    private final Outbox outbox = new Outbox();
    private final Handler handler = new Handler();

    private DirectoryEventRelayService relay(int maxAttempts) {
        return new DirectoryEventRelayService(new InMemoryUnitOfWork(new InMemoryDatabase()), outbox, List.of(handler),
                clock, new DirectoryEventRelayService.Retries(Duration.ofSeconds(5), Duration.ofSeconds(30),
                maxAttempts, 500, Duration.ofDays(7)));
    }

    private MembersImported imported(int created) {
        return new MembersImported(UUID.randomUUID(), ORG, created, 0, clock.instant());
    }

    @Test
    void a_failing_handler_leaves_the_event_pending_until_its_retry_is_due_then_it_is_delivered_once() {
        DirectoryEventRelayService relay = relay(20);
        MembersImported event = imported(1);
        outbox.store(event);
        handler.failNext(1);

        relay.deliver(Set.of(ORG_WIDE));

        Row row = outbox.row(event);
        assertThat(row.attempts).isEqualTo(1);
        assertThat(row.error).contains("handler down");
        assertThat(row.nextAttemptAt).isEqualTo(START.plusSeconds(5));
        assertThat(relay.redeliver().delivered()).as("not due yet").isZero();

        clock.advance(Duration.ofSeconds(5));
        DirectoryEventOutbox.Report report = relay.redeliver();

        assertThat(report.delivered()).isEqualTo(1);
        assertThat(handler.handled).containsExactly(event);
        assertThat(outbox.row(event).handledAt).isEqualTo(START.plusSeconds(5));
        assertThat(relay.redeliver().delivered()).isZero();
        assertThat(handler.handled).containsExactly(event);
    }

    @Test
    void retries_wait_twice_as_long_each_time_and_the_last_attempt_parks_the_event_which_then_holds_back_nothing() {
        DirectoryEventRelayService relay = relay(3);
        MembersImported doomed = imported(1);
        MembersImported next = imported(2);
        outbox.store(doomed);
        outbox.store(next);
        handler.failNext(3);

        relay.deliver(Set.of(ORG_WIDE));
        assertThat(outbox.row(doomed).nextAttemptAt).isEqualTo(START.plusSeconds(5));
        assertThat(handler.handled).as("waits behind the pending first event").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(relay.redeliver().failed()).isEqualTo(1);
        assertThat(outbox.row(doomed).nextAttemptAt).isEqualTo(START.plusSeconds(5 + 10));
        clock.advance(Duration.ofSeconds(10));
        DirectoryEventOutbox.Report report = relay.redeliver();

        assertThat(report.parked()).isEqualTo(1);
        assertThat(report.delivered()).isEqualTo(1);
        assertThat(outbox.row(doomed).parkedAt).isEqualTo(START.plusSeconds(15));
        assertThat(outbox.row(doomed).attempts).isEqualTo(3);
        assertThat(handler.handled).containsExactly(next);
    }

    @Test
    void the_delay_doubles_up_to_its_maximum() {
        var retries = new DirectoryEventRelayService.Retries(Duration.ofSeconds(5), Duration.ofSeconds(30), 20, 500,
                Duration.ofDays(7));
        assertThat(List.of(1, 2, 3, 4, 5, 19)).extracting(retries::delayAfter).containsExactly(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    @Test
    void a_stored_event_that_cannot_be_read_fails_like_a_handler_and_is_parked_in_the_end() {
        DirectoryEventRelayService relay = relay(1);
        UUID unreadable = outbox.storeUnreadable(ORG_WIDE);
        MembersImported next = imported(2);
        outbox.store(next);

        DirectoryEventOutbox.Report report = relay.redeliver();

        assertThat(report.parked()).isEqualTo(1);
        assertThat(outbox.rows.stream().filter(row -> row.id.equals(unreadable)).findFirst().orElseThrow().error)
                .contains("unknown directory event type");
        assertThat(handler.handled).containsExactly(next);
    }

    @Test
    void events_of_one_queue_are_handled_in_the_order_they_were_stored_and_handled_ones_are_purged_after_retention() {
        DirectoryEventRelayService relay = relay(20);
        List<MembersImported> stored = List.of(imported(1), imported(2), imported(3));
        stored.forEach(outbox::store);

        relay.deliver(Set.of(ORG_WIDE));
        assertThat(handler.handled).containsExactlyElementsOf(stored);
        assertThat(relay.redeliver().purged()).isZero();

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(relay.redeliver().purged()).isEqualTo(3);
        assertThat(outbox.rows).isEmpty();
    }

    /** Records what it handles; fails the next deliveries when told to. */
    private static final class Handler implements HandleDirectoryEventUseCase {
        final List<DirectoryEvent> handled = new ArrayList<>();
        private int failures;

        void failNext(int times) {
            failures = times;
        }

        @Override
        public void handle(DirectoryEvent event) {
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("handler down");
            }
            handled.add(event);
        }
    }

    private static final class Row {
        final UUID id;
        final long seq;
        final DirectoryEventOutbox.Queue queue;
        final Supplier<DirectoryEvent> event;
        int attempts;
        String error;
        Instant nextAttemptAt;
        Instant handledAt;
        Instant parkedAt;

        Row(UUID id, long seq, DirectoryEventOutbox.Queue queue, Supplier<DirectoryEvent> event, Instant due) {
            this.id = id;
            this.seq = seq;
            this.queue = queue;
            this.event = event;
            this.nextAttemptAt = due;
        }

        boolean pending() {
            return handledAt == null && parkedAt == null;
        }
    }

    /** The outbox's rules in memory: only a queue's pending head is claimed, and only when it is due. */
    private final class Outbox implements DirectoryEventOutbox {
        final List<Row> rows = new ArrayList<>();

        void store(DirectoryEvent event) {
            rows.add(new Row(event.eventId(), rows.size(), Queue.of(event), () -> event, clock.instant()));
        }

        UUID storeUnreadable(Queue queue) {
            UUID id = UUID.randomUUID();
            rows.add(new Row(id, rows.size(), queue, () -> {
                throw new IllegalStateException("unknown directory event type retired_type");
            }, clock.instant()));
            return id;
        }

        Row row(DirectoryEvent event) {
            return rows.stream().filter(row -> row.id.equals(event.eventId())).findFirst().orElseThrow();
        }

        private Optional<Row> head(Queue queue) {
            return rows.stream().filter(row -> row.queue.equals(queue) && row.pending())
                    .min(Comparator.comparingLong(row -> row.seq));
        }

        private Optional<PendingEvent> claimed(Optional<Row> row, Instant now) {
            return row.filter(head -> !head.nextAttemptAt.isAfter(now))
                    .map(head -> new PendingEvent(head.id, head.queue, head.attempts, head.event));
        }

        private Row byId(UUID id) {
            return rows.stream().filter(row -> row.id.equals(id)).findFirst().orElseThrow();
        }

        @Override
        public Optional<PendingEvent> claimHead(Queue queue, Instant now) {
            return claimed(head(queue), now);
        }

        @Override
        public Optional<PendingEvent> claimNextDue(Instant now) {
            return rows.stream().filter(Row::pending)
                    .filter(row -> head(row.queue).orElseThrow() == row && !row.nextAttemptAt.isAfter(now))
                    .min(Comparator.comparingLong(row -> row.seq))
                    .flatMap(row -> claimed(Optional.of(row), now));
        }

        @Override
        public void markHandled(PendingEvent event, Instant now) {
            Row row = byId(event.id());
            row.attempts++;
            row.error = null;
            row.handledAt = now;
        }

        @Override
        public void recordFailure(PendingEvent event, Failure failure) {
            Row row = byId(event.id());
            row.attempts = failure.attempts();
            row.error = failure.error();
            row.nextAttemptAt = failure.nextAttemptAt();
            row.parkedAt = failure.park() ? failure.at() : null;
        }

        @Override
        public int purgeHandledBefore(Instant cutoff, int limit) {
            List<Row> purged = rows.stream().filter(row -> row.handledAt != null && row.handledAt.isBefore(cutoff))
                    .limit(limit).toList();
            rows.removeAll(purged);
            return purged.size();
        }
    }
}
