package circles.application.port.in.event;

import circles.application.port.out.event.DirectoryEventOutbox;

import java.util.Set;

/**
 * Delivers the events a transaction just committed, queue by queue, right after the commit. Whatever it cannot
 * deliver (a failing handler, an event another instance holds) stays pending for {@link RedeliverDirectoryEventsUseCase}.
 */
public interface DeliverCommittedEventsUseCase {
    void deliver(Set<DirectoryEventOutbox.Queue> queues);
}
