package circles.application.port.out.webhook;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.webhook.Webhook;

import java.util.Optional;
import java.util.UUID;

/** The webhook endpoints of each org. Their secrets are kept encrypted at rest; this port hands them out in clear. */
public interface WebhookRepository {
    /** Inserts a new endpoint or replaces the stored state of one. */
    void save(Webhook webhook);

    Optional<Webhook> find(OrgId orgId, UUID webhookId);

    /** Oldest first. */
    Page<Webhook> list(OrgId orgId, PageRequest page);

    /** The org's enabled endpoints. */
    java.util.List<Webhook> enabled(OrgId orgId);

    /** The org's endpoints (enabled or not) limited to events about {@code group}, among others. */
    java.util.List<Webhook> limitedTo(OrgId orgId, circles.domain.group.GroupId group);

    /** Whether an endpoint was there to delete. */
    boolean delete(OrgId orgId, UUID webhookId);
}
