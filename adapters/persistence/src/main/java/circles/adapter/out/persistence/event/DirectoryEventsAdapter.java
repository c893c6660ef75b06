package circles.adapter.out.persistence.event;

import circles.application.port.out.event.DirectoryEvents;
import circles.domain.directory.DirectoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Publishes a directory event by encoding it once and handing it to every table that keeps events, all in the
 * current transaction.
 */
@ApplicationScoped
public class DirectoryEventsAdapter implements DirectoryEvents {
    private final Instance<DirectoryEventWriter> writers;

    @Inject
    DirectoryEventsAdapter(@Any Instance<DirectoryEventWriter> writers) {
        this.writers = writers;
    }

    @Override
    public void publish(DirectoryEvent event) {
        DirectoryEventCodec.Encoded encoded = DirectoryEventCodec.encode(event);
        for (DirectoryEventWriter writer : writers) {
            writer.write(event, encoded);
        }
    }
}
