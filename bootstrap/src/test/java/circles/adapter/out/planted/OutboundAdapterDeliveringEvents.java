package circles.adapter.out.planted;

import circles.application.port.in.event.RedeliverDirectoryEventsUseCase;

/**
 * A planted violation for the architecture rules' own test: an outbound adapter must not drive the delivery of
 * events; only the events adapter does.
 */
public final class OutboundAdapterDeliveringEvents {
    public Object redeliver(RedeliverDirectoryEventsUseCase redelivery) {
        return redelivery.redeliver();
    }
}
