package circles.application.port.in.webhook;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;
import circles.domain.webhook.Webhook;

import java.util.List;

/**
 * Subscribes an endpoint to an org's events (org admins and it_admins). The signing secret is returned this once
 * and never again.
 */
public interface CreateWebhookUseCase {
    IssuedWebhook create(Command command);

    /** {@code groupIds} empty or null: events about every group (and every non-group event of the chosen types). */
    record Command(OrgId orgId, String url, String description, List<String> eventTypes, List<GroupId> groupIds) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(url, "url");
            Require.present(eventTypes, "eventTypes");
            groupIds = groupIds == null ? List.of() : List.copyOf(Require.atMost(groupIds, Webhook.GROUPS_MAX,
                    "groupIds"));
        }
    }

    /** An endpoint with its secret in clear: the answer to a creation or a rotation only. */
    record IssuedWebhook(Webhook webhook, String secret) {
        @Override
        public String toString() {
            return "IssuedWebhook[" + webhook.id() + "]";
        }
    }
}
