package circles.application;

import circles.application.port.out.event.DirectoryEventOutbox;
import circles.application.port.out.event.DirectoryEvents;
import circles.domain.directory.ActivityRecorded;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records the published directory events, in order; publishing needs an open transaction, as the outbox does. It
 * keeps every event as it came, so a new event type needs nothing here. It is also their outbox, as the table is:
 * each queue offers its oldest pending event, due from when it occurred, and an event handled or parked no longer
 * holds back its queue. One caller at a time, so a claim holds nothing back from anyone.
 */
public final class InMemoryDirectoryEvents implements DirectoryEvents, DirectoryEventOutbox {
    private final InMemoryDatabase db;
    private final List<DirectoryEvent> published = new ArrayList<>();
    private final List<Row> outbox = new ArrayList<>();
    private long seq;

    /** An event in the outbox, with its place in publishing order and its delivery state. */
    private static final class Row {
        final DirectoryEvent event;
        final long seq;
        final Queue queue;
        int attempts;
        Instant nextAttemptAt;
        Instant handledAt;
        Instant parkedAt;

        Row(DirectoryEvent event, long seq) {
            this.event = event;
            this.seq = seq;
            this.queue = Queue.of(event);
            this.nextAttemptAt = event.occurredAt();
        }

        boolean pending() {
            return handledAt == null && parkedAt == null;
        }

        PendingEvent claimed() {
            return new PendingEvent(event.eventId(), queue, attempts, () -> event);
        }
    }

    public InMemoryDirectoryEvents(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void publish(DirectoryEvent event) {
        db.requireTransaction();
        published.add(event);
        outbox.add(new Row(event, ++seq));
    }

    @Override
    public Optional<PendingEvent> claimHead(Queue queue, Instant now) {
        db.requireTransaction();
        return head(queue).filter(row -> !row.nextAttemptAt.isAfter(now)).map(Row::claimed);
    }

    @Override
    public Optional<PendingEvent> claimNextDue(Instant now) {
        db.requireTransaction();
        return outbox.stream().filter(Row::pending)
                .filter(row -> !row.nextAttemptAt.isAfter(now) && head(row.queue).orElseThrow() == row)
                .min(Comparator.comparingLong(row -> row.seq)).map(Row::claimed);
    }

    private Optional<Row> head(Queue queue) {
        return outbox.stream().filter(row -> row.queue.equals(queue) && row.pending())
                .min(Comparator.comparingLong(row -> row.seq));
    }

    @Override
    public void markHandled(PendingEvent event, Instant now) {
        db.requireTransaction();
        byId(event.id()).ifPresent(row -> {
            row.attempts++;
            row.handledAt = now;
        });
    }

    @Override
    public void recordFailure(PendingEvent event, Failure failure) {
        db.requireTransaction();
        byId(event.id()).filter(row -> row.handledAt == null).ifPresent(row -> {
            row.attempts = failure.attempts();
            row.nextAttemptAt = failure.nextAttemptAt();
            row.parkedAt = failure.park() ? failure.at() : null;
        });
    }

    @Override
    public int purgeHandledBefore(Instant cutoff, int limit) {
        db.requireTransaction();
        List<Row> purged = outbox.stream().filter(row -> row.handledAt != null && row.handledAt.isBefore(cutoff))
                .limit(limit).toList();
        outbox.removeAll(purged);
        return purged.size();
    }

    private Optional<Row> byId(UUID id) {
        return outbox.stream().filter(row -> row.event.eventId().equals(id)).findFirst();
    }

    /** The published events of one type, in the order they were published. */
    public <E extends DirectoryEvent> List<E> of(Class<E> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<ActivityRecorded> activity() {
        return of(ActivityRecorded.class);
    }

    public List<MasterDataTreeChanged> treeChanges() {
        return of(MasterDataTreeChanged.class);
    }

    public List<GroupMembershipChanged> membershipChanges() {
        return of(GroupMembershipChanged.class);
    }

    public List<MemberChanged> changes() {
        return of(MemberChanged.class);
    }

    public List<MembersImported> imports() {
        return of(MembersImported.class);
    }

    /** Changes published from now on: call {@link Mark#changes()} after the use case. */
    public Mark mark() {
        int from = changes().size();
        return () -> {
            List<MemberChanged> all = changes();
            return List.copyOf(all.subList(from, all.size()));
        };
    }

    @FunctionalInterface
    public interface Mark {
        List<MemberChanged> changes();
    }
}
