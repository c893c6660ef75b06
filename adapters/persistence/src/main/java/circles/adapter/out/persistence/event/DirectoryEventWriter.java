package circles.adapter.out.persistence.event;

import circles.domain.directory.DirectoryEvent;

/**
 * One table that keeps published directory events, written in the publishing transaction so that an event exists if
 * and only if its change committed. Today the outbox ({@link DirectoryEventOutboxWriter}); a public event log (an
 * insert-only table of its own) would be another writer beside it, fed from the same encoded form.
 */
interface DirectoryEventWriter {
    void write(DirectoryEvent event, DirectoryEventCodec.Encoded encoded);
}
