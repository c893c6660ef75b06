package circles.adapter.out.planted;

/** A stand-in outbound adapter that the planted violations point at; it breaks no rule itself. */
public final class PlantedOutboundAdapter {
    public Object load() {
        return "row";
    }
}
