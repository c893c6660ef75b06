package circles.domain.webhook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event types a webhook may subscribe to: the CloudEvents {@code type} of every public event, and nothing else.
 * {@value #PING} is not subscribable; it is what a test delivery sends to any endpoint.
 */
public final class WebhookEventTypes {
    /** The type of the event that {@code POST .../webhooks/{id}/test} sends. */
    public static final String PING = "circles.webhook.ping";

    public static final List<String> KNOWN = List.of(
            "circles.group.created", "circles.group.updated", "circles.group.moved", "circles.group.archived",
            "circles.group.unarchived", "circles.group.deleted", "circles.group.rule.changed",
            "circles.group.member.added", "circles.group.member.removed", "circles.group.member.changed",
            "circles.group.members.bulk_changed", "circles.group.evaluation.failed",
            "circles.org.member.added", "circles.org.member.changed", "circles.org.member.removed");

    private static final Set<String> KNOWN_SET = Set.copyOf(KNOWN);

    private WebhookEventTypes() {
    }

    public static boolean isKnown(String type) {
        return type != null && KNOWN_SET.contains(type);
    }

    /** The types in the order given, without repeats; every one must be known. */
    public static Set<String> require(List<String> types, String field) {
        if (types == null || types.isEmpty()) {
            throw circles.domain.shared.RuleViolation.invalidField(field, "must name at least one event type");
        }
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if (!isKnown(type)) {
                throw circles.domain.shared.RuleViolation.invalidField(field + "[" + i + "]",
                        "must be one of " + String.join(", ", KNOWN));
            }
            result.add(type);
        }
        return result;
    }
}
