package circles.adapter.in.planted;

import circles.adapter.out.planted.PlantedOutboundAdapter;

/** A planted violation for the architecture rules' own test: an inbound adapter must not reach storage directly. */
public final class InboundAdapterUsingOutboundAdapter {
    public Object read(PlantedOutboundAdapter storage) {
        return storage.load();
    }
}
