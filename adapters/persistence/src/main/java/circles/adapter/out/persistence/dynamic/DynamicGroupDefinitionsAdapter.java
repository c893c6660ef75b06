package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.shared.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Map;
import java.util.Optional;

/** The rule of a dynamic group, in {@code groups.rule} (jsonb) as {@link RuleColumn} writes it. */
@ApplicationScoped
public class DynamicGroupDefinitionsAdapter implements DynamicGroupDefinitions {
    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    DynamicGroupDefinitionsAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public void saveRule(GroupId groupId, OrgId orgId, Rule rule) {
        scope.enter(orgId);
        int updated = JdbcWork.call(em, connection -> JdbcWork.update(connection,
                "update groups set rule = cast(cast(? as text) as jsonb) where id = ? and org_id = ?",
                RuleColumn.write(rule), groupId.value(), orgId.value()));
        if (updated == 0) {
            throw new NotFound("group", groupId);
        }
    }

    @Override
    public Optional<Map<String, Object>> rule(GroupId groupId, OrgId orgId) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> JdbcWork.texts(connection,
                "select rule::text from groups where id = ? and org_id = ? and rule is not null",
                groupId.value(), orgId.value())).stream().findFirst().map(RuleColumn::read);
    }
}
