package circles.application.service.event;

import circles.application.port.in.event.RedeliverMemberEventsUseCase;
import circles.application.port.out.event.MemberEventOutbox;

/**
 * Hands pending directory events to the outbox for another delivery. Unlike the other use cases this is not one
 * transaction: every event is delivered and marked in a transaction of its own, so one failing consumer holds
 * back only its own event (and the later events of the same member).
 */
public final class MemberEventRedeliveryService implements RedeliverMemberEventsUseCase {
    private final MemberEventOutbox outbox;

    public MemberEventRedeliveryService(MemberEventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public MemberEventOutbox.Report redeliver() {
        return outbox.redeliverDue();
    }
}
