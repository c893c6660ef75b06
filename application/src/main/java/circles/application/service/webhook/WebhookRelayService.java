package circles.application.service.webhook;

import circles.application.port.in.webhook.RelayPublicEventsUseCase;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.event.PublicEventType;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookRelayPositions;
import circles.application.port.out.webhook.WebhookRepository;
import circles.application.port.out.webhook.WebhookSender;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.webhook.Webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads each org's public event log from where its relay stopped and queues a delivery per event and endpoint that
 * wants it, then moves the position on: all in one transaction per org, so an event is queued exactly when its
 * position is passed (a delivery queued twice for the same event and endpoint is dropped by the queue anyway).
 * An event whose JSON would be too large to send is delivered thin, with the ids of what changed and a link to it.
 * A group's deletion also takes the group out of the endpoints limited to it (after its own event is queued).
 */
public final class WebhookRelayService implements RelayPublicEventsUseCase {
    private final UnitOfWork tx;
    private final WebhookRelayPositions positions;
    private final PublicEventLog log;
    private final WebhookRepository webhooks;
    private final WebhookDeliveryQueue queue;
    private final Clock clock;

    public WebhookRelayService(UnitOfWork tx, WebhookRelayPositions positions, PublicEventLog log,
                               WebhookRepository webhooks, WebhookDeliveryQueue queue, Clock clock) {
        this.tx = tx;
        this.positions = positions;
        this.log = log;
        this.webhooks = webhooks;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public int relay(int limitPerOrg) {
        int queued = 0;
        for (OrgId orgId : tx.inTransaction(positions::orgsToRelay)) {
            queued += tx.inTransaction(() -> relay(orgId, limitPerOrg));
        }
        return queued;
    }

    private int relay(OrgId orgId, int limit) {
        Optional<PublicEventLog.FeedPosition> from = positions.lock(orgId);
        if (from.isEmpty()) {
            return 0;
        }
        PublicEventLog.Feed feed = log.read(orgId, from.get(), Set.of(), limit);
        List<Webhook> endpoints = webhooks.enabled(orgId);
        List<WebhookDeliveryQueue.Queued> deliveries = new java.util.ArrayList<>();
        int queued = 0;
        for (PublicEventLog.FeedEvent item : feed.events()) {
            PublicEventLog.PublicEvent event = item.event();
            GroupId group = event.type().aggregate() == PublicEventType.Aggregate.GROUP
                    ? new GroupId(UUID.fromString(event.subject())) : null;
            WebhookSender.Event outgoing = outgoing(event);
            for (Webhook endpoint : endpoints) {
                if (endpoint.wants(event.type().wireName(), group)) {
                    deliveries.add(new WebhookDeliveryQueue.Queued(endpoint.id(), outgoing));
                }
            }
            if (event.type() == PublicEventType.GROUP_DELETED && forgetDeletedGroup(orgId, group)) {
                endpoints = webhooks.enabled(orgId);
            }
        }
        queued += queue.enqueueAll(orgId, deliveries, clock.instant());
        if (feed.next().compareTo(from.get()) > 0) {
            positions.save(orgId, feed.next());
        }
        return queued;
    }

    /**
     * A deleted group leaves the groups of the endpoints limited to it, once its own deletion event has been queued
     * for them (so a subscriber to the group still learns that it is gone).
     */
    private boolean forgetDeletedGroup(OrgId orgId, GroupId group) {
        boolean changed = false;
        for (Webhook endpoint : webhooks.limitedTo(orgId, group)) {
            if (endpoint.forgetDeletedGroup(group, clock.instant())) {
                webhooks.save(endpoint);
                changed = true;
            }
        }
        return changed;
    }

    private static WebhookSender.Event outgoing(PublicEventLog.PublicEvent event) {
        Map<String, Object> thin = new LinkedHashMap<>();
        thin.put("orgId", event.orgId().toString());
        String link;
        if (event.type().aggregate() == PublicEventType.Aggregate.GROUP) {
            thin.put("groupId", event.subject());
            link = "/v1/groups/" + event.subject();
        } else {
            thin.put("userId", event.subject());
            link = "/v1/orgs/" + event.orgId() + "/members/" + event.subject();
        }
        Object evaluation = event.data().get("evaluationId");
        if (evaluation != null) {
            thin.put("evaluationId", evaluation);
        }
        return new WebhookSender.Event(event.id(), event.type().wireName(), event.source(), event.subject(),
                event.time(), event.data(), thin, link);
    }
}
