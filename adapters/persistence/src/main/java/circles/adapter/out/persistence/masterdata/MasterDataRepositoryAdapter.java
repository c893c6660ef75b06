package circles.adapter.out.persistence.masterdata;

import circles.adapter.out.persistence.member.OrgMemberJpaEntity;
import circles.adapter.out.persistence.member.OrgMemberMapper;
import circles.adapter.out.persistence.sql.AdvisoryLocks;
import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.adapter.out.persistence.sql.StaleWrites;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.shared.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static circles.adapter.out.persistence.sql.ColumnValues.lower;
import static circles.adapter.out.persistence.sql.ColumnValues.micros;

/** An org's master data in {@code master_data}; lists are read in tree order through {@code sort_key}. */
@ApplicationScoped
public class MasterDataRepositoryAdapter implements MasterDataRepository {
    private static final String LIST = "master-data";

    private final MasterDataPanacheRepository rows;
    private final TenantScopeAdapter scope;

    @Inject
    MasterDataRepositoryAdapter(MasterDataPanacheRepository rows, TenantScopeAdapter scope) {
        this.rows = rows;
        this.scope = scope;
    }

    @Override
    public MasterDataNode save(MasterDataNode node) {
        scope.enter(node.orgId());
        MasterDataJpaEntity entity;
        try {
            if (node.version() == StaleWrites.NEVER_STORED) {
                entity = MasterDataMapper.newEntity(node);
                entity.version = StaleWrites.FIRST_VERSION;
                rows.persist(entity);
            } else {
                entity = rows.findById(MasterDataMapper.key(node.orgId(), node.kind(), node.key()));
                if (entity == null) {
                    throw new NotFound(lower(node.kind()).replace('_', '-'), node.key());
                }
                StaleWrites.requireVersion("master data", node.version(), entity.version);
                MasterDataMapper.copy(node, entity);
            }
            rows.flush();
        } catch (RuntimeException failure) {
            throw StaleWrites.isStale(failure)
                    ? StaleWrites.conflict(em(), lower(node.kind()).replace('_', '-'), node.key(), node.version(),
                    "select version from master_data where org_id = ? and kind = ? and key = ?",
                    node.orgId().value(), lower(node.kind()), node.key().value())
                    : PersistenceFailures.translate(failure);
        }
        return MasterDataMapper.toDomain(entity);
    }

    @Override
    public Optional<MasterDataNode> find(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        scope.enter(orgId);
        return rows.findByIdOptional(MasterDataMapper.key(orgId, kind, key)).map(MasterDataMapper::toDomain);
    }

    @Override
    public void delete(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        scope.enter(orgId);
        MasterDataJpaEntity entity = rows.findById(MasterDataMapper.key(orgId, kind, key));
        if (entity == null) {
            return;
        }
        try {
            rows.delete(entity);
            rows.flush();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public Page<MasterDataNode> list(OrgId orgId, MasterDataKind kind, Filter filter, PageRequest page) {
        scope.enter(orgId);
        String list = String.join("\u0000", LIST, orgId.toString(), lower(kind), String.valueOf(filter));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select d.* from master_data d where d.org_id = :org and d.kind = :kind")
                .bind("org", orgId.value()).bind("kind", lower(kind));
        if (filter.parentKey() != null) {
            sql.append(" and d.parent_key = :parent", "parent", filter.parentKey().value());
        }
        if (filter.query() != null && !filter.query().isBlank()) {
            sql.append(" and (lower(d.key) like lower(:text) escape '\\' or lower(d.name) like lower(:text) escape '\\')",
                    "text", Keyset.containing(filter.query()));
        }
        if (cursor != null && cursor.sortKey() != null) {
            sql.append(" and d.sort_key > :cursor_sort", "cursor_sort", cursor.sortKey());
        } else if (cursor != null) {
            // A cursor too long to hold its sort key names the entry instead.
            sql.append(" and d.sort_key > (select c.sort_key from master_data c where c.org_id = :org"
                    + " and c.kind = :kind and c.key = :cursor_key)", "cursor_key", cursor.id());
        }
        sql.append(" order by d.sort_key limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<MasterDataJpaEntity> found = sql.entities(em(), MasterDataJpaEntity.class).getResultList();
        return Pages.of(found, page, MasterDataMapper::toDomain,
                row -> KeysetCursor.encode(list, sortKey(row.path), row.key));
    }

    @Override
    public void lockStructure(OrgId orgId, MasterDataKind kind) {
        scope.enter(orgId);
        AdvisoryLocks.lock(em(), "circles.master-data:" + orgId + ":" + lower(kind));
    }

    @Override
    public boolean hasChildren(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        scope.enter(orgId);
        return !em().createNativeQuery("select 1 from master_data where org_id = :org and kind = :kind"
                        + " and parent_key = :key limit 1")
                .setParameter("org", orgId.value())
                .setParameter("kind", lower(kind))
                .setParameter("key", key.value())
                .getResultList().isEmpty();
    }

    @Override
    public int heightBelow(OrgId orgId, MasterDataKind kind, String path) {
        scope.enter(orgId);
        Number deepest = (Number) em().createNativeQuery("select coalesce(max(length(path) - length(replace(path, '/',"
                        + " ''))), 0) from master_data where org_id = :org and kind = :kind and starts_with(path, :below)")
                .setParameter("org", orgId.value())
                .setParameter("kind", lower(kind))
                .setParameter("below", path + "/")
                .getSingleResult();
        return Math.max(0, deepest.intValue() - MasterDataNode.depthOf(path));
    }

    @Override
    public void relocateDescendants(OrgId orgId, MasterDataKind kind, String oldPath, String newPath, Instant now) {
        scope.enter(orgId);
        try {
            em().flush();
            em().createNativeQuery("update master_data set path = :new || substr(path, :cut), version = version + 1,"
                            + " updated_at = :now where org_id = :org and kind = :kind and starts_with(path, :below)")
                    .setParameter("new", newPath)
                    .setParameter("cut", oldPath.length() + 1)
                    .setParameter("now", micros(now))
                    .setParameter("org", orgId.value())
                    .setParameter("kind", lower(kind))
                    .setParameter("below", oldPath + "/")
                    .executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
        // The descendants changed behind the session's back: nothing it holds may be served from memory.
        em().clear();
    }

    @Override
    public List<OrgMember> membersNaming(OrgId orgId, MasterDataKind kind, MasterDataKey key, int limit) {
        scope.enter(orgId);
        String column = switch (kind) {
            case DEPARTMENT -> "department";
            case LOCATION -> "location";
            case COST_CENTER -> "cost_center";
            case JOB_TITLE -> "job_title";
        };
        em().flush();
        @SuppressWarnings("unchecked")
        List<OrgMemberJpaEntity> found = em().createNativeQuery("select m.* from org_members m where m.org_id = :org"
                        + " and m." + column + " = :key order by m.user_id limit :limit", OrgMemberJpaEntity.class)
                .setParameter("org", orgId.value())
                .setParameter("key", key.value())
                .setParameter("limit", limit)
                .getResultList();
        return found.stream().map(OrgMemberMapper::toDomain).toList();
    }

    /** As the generated column {@code sort_key} has it. */
    private static String sortKey(String path) {
        return path.replace('/', ' ');
    }

    private EntityManager em() {
        return rows.getEntityManager();
    }
}
