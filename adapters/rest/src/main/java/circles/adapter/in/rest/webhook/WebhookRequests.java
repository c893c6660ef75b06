package circles.adapter.in.rest.webhook;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.webhook.CreateWebhookUseCase;
import circles.application.port.in.webhook.UpdateWebhookUseCase;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.InvalidInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the bodies of the webhook operations into commands. */
final class WebhookRequests {
    private WebhookRequests() {
    }

    static CreateWebhookUseCase.Command create(OrgId orgId, BodyObject body) {
        return new CreateWebhookUseCase.Command(orgId, Bodies.required(body.text("url"), body, "url"),
                body.text("description"), Bodies.required(body.texts("eventTypes"), body, "eventTypes"),
                groupIds(body, body.texts("groupIds")));
    }

    static UpdateWebhookUseCase.Command update(OrgId orgId, UUID webhookId, BodyObject body) {
        Optional<String> url = body.patch("url", body::text);
        Optional<List<String>> types = body.patch("eventTypes", body::texts);
        Optional<List<String>> groups = body.patch("groupIds", body::texts);
        Optional<Boolean> enabled = body.patch("enabled", body::bool);
        return new UpdateWebhookUseCase.Command(orgId, webhookId,
                url == null ? null : Bodies.notNull(url, body, "url"),
                body.patch("description", body::text),
                types == null ? null : Bodies.notNull(types, body, "eventTypes"),
                groups == null ? null : Optional.of(groups.map(ids -> groupIds(body, ids)).orElse(List.of())),
                enabled == null ? null : Bodies.notNull(enabled, body, "enabled"));
    }

    private static List<GroupId> groupIds(BodyObject body, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        List<GroupId> result = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String where = body.field("groupIds") + "[" + i + "]";
            result.add(new GroupId(Wire.parseUuid(ids.get(i))
                    .orElseThrow(() -> new InvalidInput(where, "must be a UUID"))));
        }
        return result;
    }
}
