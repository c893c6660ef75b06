package circles.adapter.out.persistence.override;

import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.override.OverrideRepository;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.instant;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;

/** Include and exclude lists of dynamic groups in {@code group_overrides}. */
@ApplicationScoped
public class OverrideRepositoryAdapter implements OverrideRepository {
    private static final String COLUMNS = "o.id, o.group_id, o.org_id, o.user_id, o.kind, o.reason, o.expires_at,"
            + " o.created_by, o.created_at";

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    OverrideRepositoryAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public void add(OverrideEntry entry) {
        scope.enter(entry.orgId());
        // Null values are written as literals: an untyped null parameter has no column type to bind to.
        SqlQuery sql = new SqlQuery("insert into group_overrides (id, group_id, org_id, user_id, kind, reason,"
                + " expires_at, created_by, created_at) values (:id, :group, :org, :user, :kind, ")
                .bind("id", entry.id()).bind("group", entry.groupId().value()).bind("org", entry.orgId().value())
                .bind("user", entry.userId().value()).bind("kind", lower(entry.kind()));
        sql.append(entry.reason() == null ? "null, " : ":reason, ");
        if (entry.reason() != null) {
            sql.bind("reason", entry.reason());
        }
        sql.append(entry.expiresAt() == null ? "null, " : ":expires, ");
        if (entry.expiresAt() != null) {
            sql.bind("expires", entry.expiresAt());
        }
        sql.append(entry.createdBy() == null ? "null, " : ":by, ");
        if (entry.createdBy() != null) {
            sql.bind("by", entry.createdBy().value());
        }
        sql.append(":created)", "created", entry.createdAt());
        try {
            sql.plain(em).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public List<OverrideEntry> list(GroupId groupId, OrgId orgId) {
        scope.enter(orgId);
        return read(new SqlQuery("select " + COLUMNS + " from group_overrides o where o.group_id = :group"
                + " and o.org_id = :org order by o.created_at, o.id")
                .bind("group", groupId.value()).bind("org", orgId.value()));
    }

    @Override
    public Optional<OverrideEntry> find(GroupId groupId, OrgId orgId, UUID overrideId) {
        scope.enter(orgId);
        return read(new SqlQuery("select " + COLUMNS + " from group_overrides o where o.group_id = :group"
                + " and o.org_id = :org and o.id = :id")
                .bind("group", groupId.value()).bind("org", orgId.value()).bind("id", overrideId))
                .stream().findFirst();
    }

    @Override
    public boolean remove(GroupId groupId, OrgId orgId, UUID overrideId) {
        scope.enter(orgId);
        return new SqlQuery("delete from group_overrides where group_id = :group and org_id = :org and id = :id")
                .bind("group", groupId.value()).bind("org", orgId.value()).bind("id", overrideId)
                .plain(em).executeUpdate() > 0;
    }

    @Override
    public List<OverrideEntry> claimExpired(Instant now, int limit) {
        return scope.acrossOrgs(() -> read(new SqlQuery("select " + COLUMNS + " from group_overrides o"
                + " where o.expires_at <= :now order by o.expires_at, o.id limit :limit for update skip locked")
                .bind("now", now).bind("limit", limit)));
    }

    private List<OverrideEntry> read(SqlQuery sql) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql.plain(em).getResultList();
        return rows.stream().map(row -> new OverrideEntry((UUID) row[0], new GroupId((UUID) row[1]),
                new OrgId((UUID) row[2]), new UserId((String) row[3]), enumOf(OverrideKind.class, (String) row[4]),
                (String) row[5], instant(row[6]), row[7] == null ? null : new UserId((String) row[7]),
                instant(row[8]))).toList();
    }
}
