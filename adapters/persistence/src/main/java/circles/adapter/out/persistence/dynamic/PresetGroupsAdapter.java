package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.AdvisoryLocks;
import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.PresetGroups;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;

/**
 * The preset column of {@code groups} (unique per org, V15) and a transaction-scoped advisory lock per org for
 * seeding. Finding the orgs that lack presets is one of the explicit cross-org reads.
 */
@ApplicationScoped
public class PresetGroupsAdapter implements PresetGroups {
    private static final String LOCK = "circles.default-groups:";

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    PresetGroupsAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public Map<GroupPreset, GroupId> of(OrgId orgId) {
        scope.enter(orgId);
        Map<GroupPreset, GroupId> found = new EnumMap<>(GroupPreset.class);
        JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "select preset, id from groups where org_id = ? and preset is not null", orgId.value()))
                .forEach(row -> found.put(enumOf(GroupPreset.class, (String) row[0]), new GroupId((UUID) row[1])));
        return found;
    }

    @Override
    public List<OrgId> orgsLacking(Set<GroupPreset> presets, OrgId after, int limit) {
        String[] wanted = presets.stream().map(ColumnValues::lower).toArray(String[]::new);
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "select o.id from orgs o where (cast(? as uuid) is null or o.id > cast(? as uuid))"
                        + " and exists (select 1 from unnest(cast(? as text[])) wanted (preset)"
                        + " where not exists (select 1 from groups g where g.org_id = o.id"
                        + " and g.preset = wanted.preset))"
                        + " order by o.id limit ?",
                after == null ? null : after.value(), after == null ? null : after.value(), wanted, limit)))
                .stream().map(row -> new OrgId((UUID) row[0])).toList();
    }

    @Override
    public void lock(OrgId orgId) {
        AdvisoryLocks.lock(em, LOCK + orgId);
    }

    @Override
    public boolean tryLock(OrgId orgId) {
        return (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtextextended(:name, 0))")
                .setParameter("name", LOCK + orgId)
                .getSingleResult();
    }
}
