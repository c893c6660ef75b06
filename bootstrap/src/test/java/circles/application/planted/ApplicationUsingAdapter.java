package circles.application.planted;

import circles.adapter.out.planted.PlantedOutboundAdapter;

/** A planted violation for the architecture rules' own test: the application must not reach an adapter. */
public final class ApplicationUsingAdapter {
    public Object store(PlantedOutboundAdapter adapter) {
        return adapter;
    }
}
