package circles.adapter.in.rest.dynamic;

import circles.application.port.in.dynamic.GroupRuleUseCase;

import java.util.Map;

/** {@code GroupRule}: the canonical rule of a dynamic group with its schedule. */
public record GroupRuleResponse(String groupId, Map<String, Object> rule, int refreshIntervalMinutes, long version) {

    public static GroupRuleResponse of(GroupRuleUseCase.RuleView view) {
        return new GroupRuleResponse(view.groupId().toString(), view.rule(), view.refreshIntervalMinutes(),
                view.version());
    }
}
