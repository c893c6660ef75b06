package circles.adapter.in.rest.webhook;

import circles.adapter.in.rest.http.Wire;
import circles.domain.group.GroupId;
import circles.domain.webhook.Webhook;
import circles.domain.webhook.WebhookEventTypes;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A webhook endpoint as read: never its secret. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookResponse(String id, String orgId, String url, String description, List<String> eventTypes,
                              List<String> groupIds, boolean enabled, String disabledReason, String disabledAt,
                              String createdAt, String createdBy, String updatedAt, String previousSecretExpiresAt) {

    public static WebhookResponse of(Webhook webhook) {
        return new WebhookResponse(webhook.id().toString(), webhook.orgId().toString(), webhook.url(),
                webhook.description(), orderedTypes(webhook),
                webhook.groupIds().stream().map(GroupId::toString).sorted().toList(), webhook.enabled(),
                webhook.disabledReason(), Wire.time(webhook.disabledAt()), Wire.time(webhook.createdAt()),
                Wire.text(webhook.createdBy()), Wire.time(webhook.updatedAt()),
                Wire.time(webhook.previousSecretExpiresAt()));
    }

    /** The subscribed types in the order of the catalogue, so that answers are stable. */
    static List<String> orderedTypes(Webhook webhook) {
        return WebhookEventTypes.KNOWN.stream().filter(webhook.eventTypes()::contains).toList();
    }
}
