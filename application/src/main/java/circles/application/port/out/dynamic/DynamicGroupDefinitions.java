package circles.application.port.out.dynamic;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.util.Optional;

/**
 * The stored rule of a dynamic group, in the canonical JSON tree form the core writes (the storage keeps it as it
 * is). Reading it back gives the same JSON value (formatting may differ).
 */
public interface DynamicGroupDefinitions {
    void saveRule(GroupId groupId, OrgId orgId, String canonicalRuleJson);

    Optional<String> rule(GroupId groupId, OrgId orgId);
}
