package circles.application.port.in.event;

import circles.domain.directory.DirectoryEvent;

/**
 * Reacts to one committed directory change, delivered by the relay in the transaction that marks it handled.
 * Delivery is at least once: handling must be idempotent (the event id is stable across redeliveries).
 */
public interface HandleDirectoryEventUseCase {
    void handle(DirectoryEvent event);
}
