package circles.application;

import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleWriter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The stored rules of dynamic groups, kept in their canonical form as the storage keeps it. */
public final class InMemoryDynamicGroupDefinitions implements DynamicGroupDefinitions {
    private final InMemoryDatabase db;
    private final Map<GroupId, Map<String, Object>> rules = new LinkedHashMap<>();

    public InMemoryDynamicGroupDefinitions(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void saveRule(GroupId groupId, OrgId orgId, Rule rule) {
        db.requireTransaction();
        rules.put(groupId, RuleWriter.canonical(rule));
    }

    @Override
    public Optional<Map<String, Object>> rule(GroupId groupId, OrgId orgId) {
        return Optional.ofNullable(rules.get(groupId));
    }
}
