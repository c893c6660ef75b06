package circles.adapter.out.planted;

import circles.application.port.in.event.RedeliverMemberEventsUseCase;

/**
 * A planted violation for the architecture rules' own test: an outbound adapter must not drive the delivery of
 * events; only the events adapter does.
 */
public final class OutboundAdapterDeliveringEvents {
    public Object redeliver(RedeliverMemberEventsUseCase redelivery) {
        return redelivery.redeliver();
    }
}
