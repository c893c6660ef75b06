package circles.application.port.in.dynamic;

import circles.domain.group.GroupId;
import circles.domain.shared.Require;

import java.util.Map;

/**
 * Reads and replaces the rule of a dynamic group. Anyone who sees the group reads it; those who manage the group's
 * settings replace it, conditionally on the group's version. Replacing validates the rule, stores it in canonical
 * form and re-evaluates the group at once.
 */
public interface GroupRuleUseCase {

    /** The canonical rule and the group's version (the rule is part of the group). */
    record RuleView(GroupId groupId, Map<String, Object> rule, int refreshIntervalMinutes, long version) {
    }

    /** {@code refreshIntervalMinutes} null keeps the schedule. */
    record ReplaceRule(GroupId groupId, Long expectedVersion, Object rule, Integer refreshIntervalMinutes) {
        public ReplaceRule {
            Require.present(groupId, "groupId");
            Require.present(rule, "rule");
        }
    }

    RuleView rule(GroupId groupId);

    RuleView replace(ReplaceRule command);
}
