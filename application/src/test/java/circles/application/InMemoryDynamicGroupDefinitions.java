package circles.application;

import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The stored rules of dynamic groups, kept as the JSON text the core writes. */
public final class InMemoryDynamicGroupDefinitions implements DynamicGroupDefinitions {
    private final InMemoryDatabase db;
    private final Map<GroupId, String> rules = new LinkedHashMap<>();

    public InMemoryDynamicGroupDefinitions(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void saveRule(GroupId groupId, OrgId orgId, String canonicalRuleJson) {
        db.requireTransaction();
        rules.put(groupId, canonicalRuleJson);
    }

    @Override
    public Optional<String> rule(GroupId groupId, OrgId orgId) {
        return Optional.ofNullable(rules.get(groupId));
    }
}
