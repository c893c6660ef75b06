package circles.application.port.in.webhook;

/**
 * Turns the public events of each org into deliveries to the org's enabled endpoints that want them (by event type,
 * and for group events by group), in the order of the feed, without missing or repeating an event.
 */
public interface RelayPublicEventsUseCase {

    /** Relays at most {@code limitPerOrg} events of each org; returns how many deliveries were queued. */
    int relay(int limitPerOrg);
}
