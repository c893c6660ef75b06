package circles.application.port.out.webhook;

import circles.application.port.out.event.PublicEventLog;
import circles.domain.org.OrgId;

import java.util.List;
import java.util.Optional;

/** How far the webhook relay has read each org's public event log. */
public interface WebhookRelayPositions {

    /** Starts the org's relay at {@code position}, unless it has started already. */
    void startIfAbsent(OrgId orgId, PublicEventLog.FeedPosition position);

    /** The orgs whose relay has started and that have an enabled endpoint, in whichever org. */
    List<OrgId> orgsToRelay();

    /**
     * The org's position, locked until the transaction ends, so that two instances never relay one org at once;
     * empty when the relay has not started there or another instance holds it.
     */
    Optional<PublicEventLog.FeedPosition> lock(OrgId orgId);

    void save(OrgId orgId, PublicEventLog.FeedPosition position);
}
