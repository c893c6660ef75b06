package circles.application.port.in.webhook;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;
import circles.domain.webhook.Webhook;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes an endpoint (org admins and it_admins). Each member of the command that is null stays as it is;
 * {@code description} and {@code groupIds} as {@code Optional.empty()} are cleared. {@code enabled = true}
 * re-enables an endpoint that was disabled (by an admin or after failing), {@code false} disables it.
 */
public interface UpdateWebhookUseCase {
    Webhook update(Command command);

    record Command(OrgId orgId, UUID webhookId, String url, Optional<String> description, List<String> eventTypes,
                   Optional<List<GroupId>> groupIds, Boolean enabled) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(webhookId, "webhookId");
            if (groupIds != null && groupIds.isPresent()) {
                Require.atMost(groupIds.get(), Webhook.GROUPS_MAX, "groupIds");
            }
        }
    }
}
