package circles.adapter.out.persistence.org;

import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.adapter.out.persistence.sql.StaleWrites;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.NotFound;
import circles.domain.shared.Slug;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/** Orgs. Reading them by id, by slug and as a list spans orgs by nature; writing one works inside it. */
@ApplicationScoped
public class OrgRepositoryAdapter implements OrgRepository {
    private static final String LIST = "orgs";

    private final OrgPanacheRepository rows;
    private final TenantScopeAdapter scope;

    @Inject
    OrgRepositoryAdapter(OrgPanacheRepository rows, TenantScopeAdapter scope) {
        this.rows = rows;
        this.scope = scope;
    }

    @Override
    public Organization save(Organization org) {
        scope.enter(org.id());
        OrgJpaEntity entity;
        try {
            if (org.version() == StaleWrites.NEVER_STORED) {
                entity = OrgMapper.newEntity(org);
                entity.version = StaleWrites.FIRST_VERSION;
                rows.persist(entity);
            } else {
                entity = rows.findById(org.id().value());
                if (entity == null) {
                    throw new NotFound("org", org.id());
                }
                StaleWrites.requireVersion("org", org.version(), entity.version);
                OrgMapper.copy(org, entity);
            }
            rows.flush();
        } catch (RuntimeException failure) {
            throw StaleWrites.isStale(failure)
                    ? StaleWrites.conflict(rows.getEntityManager(), "org", org.id(), org.version(),
                    "select version from orgs where id = ?", org.id().value())
                    : PersistenceFailures.translate(failure);
        }
        return OrgMapper.toDomain(entity);
    }

    @Override
    public Optional<Organization> findById(OrgId id) {
        return scope.acrossOrgs(() -> rows.findByIdOptional(id.value()).map(OrgMapper::toDomain));
    }

    @Override
    public boolean slugTaken(Slug slug, OrgId except) {
        return scope.acrossOrgs(() -> except == null
                ? rows.count("slug = ?1", slug.value()) > 0
                : rows.count("slug = ?1 and id <> ?2", slug.value(), except.value()) > 0);
    }

    @Override
    public Page<Organization> list(UserId memberOf, String query, PageRequest page) {
        // Bound to the caller whose orgs are listed and the search text: what the list holds depends on both.
        String list = String.join("\u0000", LIST, String.valueOf(memberOf), String.valueOf(query));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select o.*, o.name_key as sort_key from orgs o where true");
        if (memberOf != null) {
            sql.append(" and exists (select 1 from org_members m where m.org_id = o.id and m.user_id = :user"
                    + " and m.status = 'active')", "user", memberOf.value());
        }
        if (query != null && !query.isBlank()) {
            sql.append(" and (o.name_key like lower(:text) escape '\\' or o.slug like lower(:text) escape '\\')",
                    "text", Keyset.containing(query));
        }
        if (cursor != null) {
            Keyset.after(sql, "o.name_key", "o.id", false, cursor.sortKey(), cursor.uuid(),
                    "select name_key from orgs where id = :cursor_id");
        }
        sql.append(" order by o.name_key, o.id limit :limit", "limit", Pages.fetchSize(page));
        List<Object[]> rowsRead = scope.acrossOrgs(() -> rowList(sql));
        return Pages.of(rowsRead, page, row -> OrgMapper.toDomain((OrgJpaEntity) row[0]),
                row -> KeysetCursor.encode(list, (String) row[1], ((OrgJpaEntity) row[0]).id.toString()));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rowList(SqlQuery sql) {
        return sql.mapped(rows.getEntityManager(), OrgJpaEntity.WITH_SORT_KEY).getResultList();
    }

    /** Members whose status is active. */
    @Override
    public long memberCount(OrgId id) {
        scope.enter(id);
        return ((Number) new SqlQuery("select count(*) from org_members where org_id = :org"
                + " and status = 'active'")
                .bind("org", id.value()).plain(rows.getEntityManager()).getSingleResult()).longValue();
    }
}
