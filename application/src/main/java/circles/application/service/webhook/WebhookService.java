package circles.application.service.webhook;

import circles.application.port.in.webhook.CreateWebhookUseCase;
import circles.application.port.in.webhook.DeleteWebhookUseCase;
import circles.application.port.in.webhook.ListWebhooksUseCase;
import circles.application.port.in.webhook.RotateWebhookSecretUseCase;
import circles.application.port.in.webhook.TestWebhookUseCase;
import circles.application.port.in.webhook.UpdateWebhookUseCase;
import circles.application.port.in.webhook.WebhookDeliveryLogUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookRelayPositions;
import circles.application.port.out.webhook.WebhookRepository;
import circles.application.port.out.webhook.WebhookSender;
import circles.application.port.out.webhook.WebhookUrlPolicy;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.domain.access.OrgAccess;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.webhook.Webhook;
import circles.domain.webhook.WebhookEventTypes;
import circles.domain.webhook.WebhookSecret;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook endpoints of an org, for its admins and it_admins: everyone else who may see the org is refused (403),
 * anyone else learns nothing (404). An endpoint may be narrowed to groups of its own org only, and only to groups
 * the caller may see. A test delivery is sent outside any transaction, so a slow receiver holds no connection.
 */
public final class WebhookService implements CreateWebhookUseCase, ListWebhooksUseCase, UpdateWebhookUseCase,
        DeleteWebhookUseCase, RotateWebhookSecretUseCase, TestWebhookUseCase, WebhookDeliveryLogUseCase {
    private static final String TARGET = "webhook";

    private final UnitOfWork tx;
    private final Access access;
    private final WebhookRepository webhooks;
    private final GroupRepository groups;
    private final WebhookUrlPolicy urlPolicy;
    private final WebhookSender sender;
    private final WebhookRelayPositions relayPositions;
    private final WebhookDeliveryQueue queue;
    private final PublicEventLog eventLog;
    private final Audit audit;
    private final Clock clock;
    private final java.time.Duration replayWindow;

    /**
     * @param replayWindow how far back a replay may reach: the public event log's retention (older deliveries may
     *                     be purged, and their events are gone from the log)
     */
    public WebhookService(UnitOfWork tx, Access access, WebhookRepository webhooks, GroupRepository groups,
                          WebhookUrlPolicy urlPolicy, WebhookSender sender, WebhookRelayPositions relayPositions,
                          WebhookDeliveryQueue queue, PublicEventLog eventLog, AuditLog auditLog, Clock clock,
                          java.time.Duration replayWindow) {
        this.replayWindow = replayWindow;
        this.tx = tx;
        this.access = access;
        this.webhooks = webhooks;
        this.groups = groups;
        this.urlPolicy = urlPolicy;
        this.sender = sender;
        this.relayPositions = relayPositions;
        this.queue = queue;
        this.eventLog = eventLog;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public IssuedWebhook create(CreateWebhookUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            urlPolicy.check(command.url(), "url");
            Set<String> types = WebhookEventTypes.require(command.eventTypes(), "eventTypes");
            Set<GroupId> scope = groupsOfOrg(command.orgId(), command.groupIds());
            WebhookSecret secret = WebhookSecret.generate();
            Webhook webhook = Webhook.create(command.orgId(), command.url(), command.description(), types, scope,
                    secret, caller.actor().userId(), clock.instant());
            webhooks.save(webhook);
            // The org's first endpoint starts its relay here: every event from now on is delivered.
            relayPositions.startIfAbsent(command.orgId(), eventLog.now(command.orgId()));
            audit.record(caller.actor(), command.orgId(), "webhook.created", TARGET, webhook.id(), summary(webhook));
            return new IssuedWebhook(webhook, secret.reveal());
        });
    }

    @Override
    public Page<Webhook> list(OrgId orgId, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return webhooks.list(orgId, page);
        });
    }

    @Override
    public Webhook get(OrgId orgId, UUID webhookId) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return existing(orgId, webhookId);
        });
    }

    @Override
    public Webhook update(UpdateWebhookUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            Webhook webhook = existing(command.orgId(), command.webhookId());
            Instant now = clock.instant();
            if (command.url() != null) {
                urlPolicy.check(command.url(), "url");
                webhook.changeUrl(command.url(), now);
            }
            if (command.description() != null) {
                webhook.changeDescription(command.description().orElse(null), now);
            }
            if (command.eventTypes() != null) {
                webhook.changeEventTypes(WebhookEventTypes.require(command.eventTypes(), "eventTypes"), now);
            }
            if (command.groupIds() != null) {
                webhook.changeGroups(groupsOfOrg(command.orgId(), command.groupIds().orElse(List.of())), now);
            }
            if (Boolean.TRUE.equals(command.enabled())) {
                webhook.enable(now);
            } else if (Boolean.FALSE.equals(command.enabled()) && webhook.enabled()) {
                webhook.disable("disabled by an admin", now);
            }
            webhooks.save(webhook);
            audit.record(caller.actor(), command.orgId(), "webhook.updated", TARGET, webhook.id(), summary(webhook));
            return webhook;
        });
    }

    @Override
    public void delete(OrgId orgId, UUID webhookId) {
        tx.run(() -> {
            OrgAccess caller = access.requireOrgAdmin(orgId);
            Webhook webhook = existing(orgId, webhookId);
            webhooks.delete(orgId, webhookId);
            audit.record(caller.actor(), orgId, "webhook.deleted", TARGET, webhookId, Map.of("url", webhook.url()));
        });
    }

    @Override
    public IssuedWebhook rotate(OrgId orgId, UUID webhookId) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(orgId);
            Webhook webhook = existing(orgId, webhookId);
            WebhookSecret next = WebhookSecret.generate();
            webhook.rotate(next, clock.instant());
            webhooks.save(webhook);
            audit.record(caller.actor(), orgId, "webhook.secret_rotated", TARGET, webhookId,
                    Map.of("previousSecretExpiresAt", String.valueOf(webhook.previousSecretExpiresAt())));
            return new IssuedWebhook(webhook, next.reveal());
        });
    }

    @Override
    public TestResult test(OrgId orgId, UUID webhookId) {
        Webhook webhook = tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return existing(orgId, webhookId);
        });
        Instant now = clock.instant();
        UUID eventId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgId", orgId.toString());
        data.put("webhookId", webhookId.toString());
        WebhookSender.Event ping = new WebhookSender.Event(eventId, WebhookEventTypes.PING, "/orgs/" + orgId,
                webhookId.toString(), now, data, data, null);
        WebhookSender.Attempt attempt = sender.send(new WebhookSender.Delivery(webhook.url(),
                webhook.signingSecrets(now), ping));
        UUID deliveryId = tx.inTransaction(() -> {
            access.org(orgId);
            return queue.recordSent(orgId, webhookId, ping, attempt, now);
        });
        return new TestResult(eventId, deliveryId, attempt);
    }

    @Override
    public Page<WebhookDeliveryQueue.Logged> deliveries(OrgId orgId, UUID webhookId,
                                                        WebhookDeliveryQueue.Status status, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            existing(orgId, webhookId);
            return queue.list(orgId, webhookId, status, page);
        });
    }

    @Override
    public WebhookDeliveryQueue.Logged redeliver(OrgId orgId, UUID webhookId, UUID deliveryId) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(orgId);
            existing(orgId, webhookId);
            WebhookDeliveryQueue.Logged delivery = queue.redeliver(orgId, webhookId, deliveryId, clock.instant())
                    .orElseThrow(() -> new NotFound("webhook-delivery", deliveryId));
            audit.record(caller.actor(), orgId, "webhook.redelivered", TARGET, webhookId,
                    Map.of("deliveryId", deliveryId.toString()));
            return delivery;
        });
    }

    @Override
    public int replay(OrgId orgId, UUID webhookId, Instant since) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(orgId);
            existing(orgId, webhookId);
            Instant now = clock.instant();
            if (since == null || since.isAfter(now)) {
                throw RuleViolation.invalidField("since", "must be a time in the past");
            }
            if (since.isBefore(now.minus(replayWindow))) {
                throw RuleViolation.invalidField("since", "must be within the last " + describe(replayWindow)
                        + ", the event log's retention");
            }
            int replayed = queue.replayFailed(orgId, webhookId, since, now);
            audit.record(caller.actor(), orgId, "webhook.replayed", TARGET, webhookId,
                    Map.of("since", since.toString(), "deliveries", replayed));
            return replayed;
        });
    }

    /** A duration in the words of the configuration: whole days, else whole hours, else seconds. */
    private static String describe(java.time.Duration window) {
        if (window.toHours() % 24 == 0 && window.toDays() > 0) {
            return window.toDays() + (window.toDays() == 1 ? " day" : " days");
        }
        if (window.toSeconds() % 3600 == 0) {
            return window.toHours() + " hours";
        }
        return window.toSeconds() + " seconds";
    }

    private Webhook existing(OrgId orgId, UUID webhookId) {
        return webhooks.find(orgId, webhookId).orElseThrow(() -> new NotFound("webhook", webhookId));
    }

    /**
     * The groups an endpoint is narrowed to, each a group of this org the caller may see; any other id (another
     * org's group, a standalone group, one that does not exist) is refused alike, so the answer tells nothing of it.
     */
    private Set<GroupId> groupsOfOrg(OrgId orgId, List<GroupId> ids) {
        Set<GroupId> result = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            GroupId id = ids.get(i);
            Group group = groups.findById(id).filter(found -> orgId.equals(found.orgIdOrNull())).orElse(null);
            boolean visible = group != null && access.group(group).mayView();
            access.org(orgId);
            if (!visible) {
                throw RuleViolation.invalidField("groupIds[" + i + "]", "is not a group of this org");
            }
            result.add(id);
        }
        return result;
    }

    private static Map<String, Object> summary(Webhook webhook) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("url", webhook.url());
        summary.put("eventTypes", List.copyOf(webhook.eventTypes()));
        summary.put("groupIds", webhook.groupIds().stream().map(GroupId::toString).sorted().toList());
        summary.put("enabled", webhook.enabled());
        return summary;
    }
}
