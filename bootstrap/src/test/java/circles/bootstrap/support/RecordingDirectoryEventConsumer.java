package circles.bootstrap.support;

import circles.application.port.in.event.HandleDirectoryEventUseCase;
import circles.domain.actor.UserId;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A second handler of directory events for the tests, delivered to beside the real one: it records the member
 * changes and imports it handles, and can be told to fail (as if the process died while handling) the next
 * deliveries of one member's changes.
 */
@ApplicationScoped
public class RecordingDirectoryEventConsumer implements HandleDirectoryEventUseCase {
    private final List<MemberChanged> changes = new CopyOnWriteArrayList<>();
    private final List<MembersImported> imports = new CopyOnWriteArrayList<>();
    private final Map<UserId, AtomicInteger> failures = new ConcurrentHashMap<>();

    @Override
    public void handle(DirectoryEvent event) {
        if (event instanceof MemberChanged change) {
            AtomicInteger failing = failures.get(change.userId());
            if (failing != null && failing.getAndDecrement() > 0) {
                throw new IllegalStateException("simulated crash while handling " + change.eventId());
            }
            changes.add(change);
        } else if (event instanceof MembersImported imported) {
            imports.add(imported);
        }
    }

    /** The next {@code times} deliveries of events about {@code userId} fail. */
    public void failNext(UserId userId, int times) {
        failures.put(userId, new AtomicInteger(times));
    }

    /** The changes about one member handled so far, in the order they were handled. */
    public List<MemberChanged> changesOf(UserId userId) {
        return changes.stream().filter(change -> change.userId().equals(userId)).toList();
    }

    public List<MemberChanged> handled(UUID eventId) {
        return changes.stream().filter(change -> change.eventId().equals(eventId)).toList();
    }

    public List<MembersImported> imports() {
        return List.copyOf(imports);
    }

    /** Waits until {@code condition} holds, at most {@code timeout}; false when it never did. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
