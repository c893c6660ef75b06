package circles.adapter.out.planted;

import circles.adapter.in.planted.InboundAdapterUsingService;

/** A planted violation for the architecture rules' own test: an outbound adapter must not reach an inbound one. */
public final class OutboundAdapterUsingInboundAdapter {
    public Object caller(InboundAdapterUsingService inbound) {
        return inbound;
    }
}
