package circles.application;

import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.NotFound;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleWriter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stored rules of dynamic groups, kept in their canonical form as the storage keeps it, and reached only through
 * their group's own org, as the table's rows are.
 */
public final class InMemoryDynamicGroupDefinitions implements DynamicGroupDefinitions {
    private final InMemoryDatabase db;
    private final Map<GroupId, Map<String, Object>> rules = new LinkedHashMap<>();

    public InMemoryDynamicGroupDefinitions(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void saveRule(GroupId groupId, OrgId orgId, Rule rule) {
        db.requireTransaction();
        if (!ofOrg(groupId, orgId)) {
            throw new NotFound("group", groupId);
        }
        rules.put(groupId, RuleWriter.canonical(rule));
    }

    @Override
    public Optional<Map<String, Object>> rule(GroupId groupId, OrgId orgId) {
        return Optional.ofNullable(rules.get(groupId)).filter(stored -> ofOrg(groupId, orgId));
    }

    private boolean ofOrg(GroupId groupId, OrgId orgId) {
        Group group = db.groups.get(groupId);
        return group != null && group.orgId().filter(orgId::equals).isPresent();
    }
}
