package circles.application.port.in.event;

import circles.application.port.out.event.DirectoryEventOutbox;

/**
 * Delivers directory change events whose delivery after commit failed or never happened (after a crash).
 * Safe to run on several instances at once: each event is delivered by one of them.
 */
public interface RedeliverDirectoryEventsUseCase {
    DirectoryEventOutbox.Report redeliver();
}
