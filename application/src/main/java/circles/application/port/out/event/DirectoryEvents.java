package circles.application.port.out.event;

import circles.domain.directory.DirectoryEvent;

/**
 * Publishes directory changes durably: the event is stored in the current transaction (an outbox) and delivered
 * to its handler after commit, and again after a crash until the handler has taken it. Events of one member
 * ({@link DirectoryEvent#member()}) are delivered in the order they were published, as are an org's org-wide ones.
 */
public interface DirectoryEvents {
    void publish(DirectoryEvent event);
}
