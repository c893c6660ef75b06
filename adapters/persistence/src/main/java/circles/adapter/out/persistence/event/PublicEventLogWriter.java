package circles.adapter.out.persistence.event;

import circles.application.port.out.event.PublicEventLog;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.MemberChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * The public event log as a second writer of directory events, beside the outbox: every change of an org member
 * (arrival, departure, role, status, profile) that the use cases publish becomes an {@code circles.org.member.*}
 * event in the same transaction, so every path that changes a member (the API, SCIM, imports, master data) is
 * covered once. The other directory events are internal and have no public counterpart.
 */
@ApplicationScoped
class PublicEventLogWriter implements DirectoryEventWriter {
    private final PublicEventLog log;
    private final Clock clock;

    @Inject
    PublicEventLogWriter(PublicEventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void write(DirectoryEvent event, DirectoryEventCodec.Encoded encoded) {
        if (event instanceof MemberChanged change) {
            PublicEventLog.PublicEvent.ofMemberChange(change, clock.instant()).ifPresent(log::append);
        }
    }
}
