package circles.application.port.in.feed;

import circles.application.port.out.event.PublicEventLog;
import circles.domain.org.OrgId;

import java.util.List;

/**
 * The change feed of an org: its public events in the order of their positions, each shown once a reader can be
 * sure no earlier one is still to come. A reader following {@link Page#next} never misses an event and never gets
 * one twice.
 */
public interface ReadChangeFeedUseCase {

    /** Starts from the oldest retained event when {@code after} is null, from now on when it is {@value #NOW}. */
    String NOW = "now";

    /**
     * @param after the cursor of a previous page, {@value #NOW}, or null
     * @param types a comma-separated list of event types, or null for every type
     * @param limit at most this many events (1 to 500)
     */
    record Query(OrgId orgId, String after, String types, int limit) {
    }

    /** A page of events and the cursor of the next one (never null: a feed has no last page). */
    record Page(List<PublicEventLog.PublicEvent> events, String next, boolean more) {
    }

    Page read(Query query);
}
