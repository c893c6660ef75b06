package circles.application.port.out.dynamic;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleWriter;

import java.util.Map;
import java.util.Optional;

/**
 * The stored rule of a dynamic group. It is saved as a {@link Rule} and kept in its canonical form
 * ({@link RuleWriter#canonical}); it is read back as that form in plain data ({@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean}), not as a {@code Rule}, because parsing needs the criterion types
 * the deployment has now: a rule saved under a type since removed must still be shown as it was saved, and be
 * refused where the core parses it rather than fail the read.
 */
public interface DynamicGroupDefinitions {
    void saveRule(GroupId groupId, OrgId orgId, Rule rule);

    /** The canonical form saved last, the same JSON value (key order and the Java class of a number may differ). */
    Optional<Map<String, Object>> rule(GroupId groupId, OrgId orgId);
}
