package circles.adapter.in.rest.webhook;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.webhook.CreateWebhookUseCase;
import circles.domain.group.GroupId;
import circles.domain.webhook.Webhook;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A webhook endpoint with its new signing secret: the answer to its creation or a rotation, and no other. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IssuedWebhookResponse(String id, String orgId, String url, String description, List<String> eventTypes,
                                    List<String> groupIds, boolean enabled, String disabledReason, String disabledAt,
                                    String createdAt, String createdBy, String updatedAt,
                                    String previousSecretExpiresAt, String secret) {

    public static IssuedWebhookResponse of(CreateWebhookUseCase.IssuedWebhook issued) {
        Webhook webhook = issued.webhook();
        return new IssuedWebhookResponse(webhook.id().toString(), webhook.orgId().toString(), webhook.url(),
                webhook.description(), WebhookResponse.orderedTypes(webhook),
                webhook.groupIds().stream().map(GroupId::toString).sorted().toList(), webhook.enabled(),
                webhook.disabledReason(), Wire.time(webhook.disabledAt()), Wire.time(webhook.createdAt()),
                Wire.text(webhook.createdBy()), Wire.time(webhook.updatedAt()),
                Wire.time(webhook.previousSecretExpiresAt()), issued.secret());
    }

    @Override
    public String toString() {
        return "IssuedWebhookResponse[" + id + "]";
    }
}
