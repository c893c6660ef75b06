package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.adapter.out.persistence.sql.StaleWrites;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;

/** The members of an org. Every operation works inside the org it names, except the user's own cross-org view. */
@ApplicationScoped
public class OrgMemberRepositoryAdapter implements OrgMemberRepository {
    private static final String LIST = "org-members";

    private final OrgMemberPanacheRepository rows;
    private final TenantScopeAdapter scope;

    @Inject
    OrgMemberRepositoryAdapter(OrgMemberPanacheRepository rows, TenantScopeAdapter scope) {
        this.rows = rows;
        this.scope = scope;
    }

    @Override
    public OrgMember save(OrgMember member) {
        scope.enter(member.orgId());
        OrgMemberJpaEntity entity;
        try {
            if (member.version() == StaleWrites.NEVER_STORED) {
                entity = OrgMemberMapper.newEntity(member);
                entity.version = StaleWrites.FIRST_VERSION;
                rows.persist(entity);
            } else {
                entity = rows.findById(key(member.orgId(), member.userId()));
                if (entity == null) {
                    throw new NotFound("org-member", member.userId());
                }
                StaleWrites.requireVersion("org member", member.version(), entity.version);
                OrgMemberMapper.copy(member, entity);
            }
            rows.flush();
        } catch (RuntimeException failure) {
            throw StaleWrites.isStale(failure)
                    ? StaleWrites.conflict(em(), "org-member", member.userId(), member.version(),
                    "select version from org_members where org_id = ? and user_id = ?",
                    member.orgId().value(), member.userId().value())
                    : PersistenceFailures.translate(failure);
        }
        return OrgMemberMapper.toDomain(entity);
    }

    @Override
    public Optional<OrgMember> find(OrgId orgId, UserId userId) {
        scope.enter(orgId);
        return rows.findByIdOptional(key(orgId, userId)).map(OrgMemberMapper::toDomain);
    }

    @Override
    public List<OrgMember> findAll(OrgId orgId, List<UserId> userIds) {
        scope.enter(orgId);
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em().createQuery("select m from OrgMemberJpaEntity m where m.orgId = :org and m.userId in :users",
                        OrgMemberJpaEntity.class)
                .setParameter("org", orgId.value())
                .setParameter("users", values(userIds))
                .getResultList().stream().map(OrgMemberMapper::toDomain).toList();
    }

    @Override
    public void delete(OrgId orgId, UserId userId) {
        scope.enter(orgId);
        OrgMemberJpaEntity entity = rows.findById(key(orgId, userId));
        if (entity == null) {
            return;
        }
        try {
            rows.delete(entity);
            rows.flush();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
        // The database removed the member's group memberships too (and cleared them as manager or reviewer):
        // forget every row this transaction has read, so none of those is served from memory afterwards.
        em().clear();
    }

    @Override
    public Page<OrgMember> list(OrgId orgId, Filter filter, PageRequest page) {
        scope.enter(orgId);
        // A cursor continues only this org's list with these filters.
        String list = String.join("\u0000", LIST, orgId.toString(), String.valueOf(filter));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select m.* from org_members m where m.org_id = :org").bind("org", orgId.value());
        if (filter != null && filter.role() != null) {
            sql.append(" and m.role = :role", "role", lower(filter.role()));
        }
        if (filter != null && filter.status() != null) {
            sql.append(" and m.status = :status", "status", lower(filter.status()));
        }
        if (filter != null && filter.query() != null && !filter.query().isBlank()) {
            sql.append(" and (lower(m.user_id) like lower(:text) escape '\\'"
                    + " or lower(m.email) like lower(:text) escape '\\'"
                    + " or lower(m.display_name) like lower(:text) escape '\\')", "text", Keyset.containing(filter.query()));
        }
        if (cursor != null) {
            sql.append(" and m.user_id > :cursor_id", "cursor_id", cursor.id());
        }
        sql.append(" order by m.user_id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<OrgMemberJpaEntity> found = sql.entities(em(), OrgMemberJpaEntity.class).getResultList();
        return Pages.of(found, page, OrgMemberMapper::toDomain, row -> KeysetCursor.encode(list, null, row.userId));
    }

    @Override
    public List<UserId> existing(OrgId orgId, List<UserId> userIds) {
        scope.enter(orgId);
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em().createQuery("select m.userId from OrgMemberJpaEntity m where m.orgId = :org"
                        + " and m.userId in :users", String.class)
                .setParameter("org", orgId.value())
                .setParameter("users", values(userIds))
                .getResultList().stream().map(UserId::new).toList();
    }

    @Override
    public List<Membership> membershipsOf(UserId userId) {
        return scope.acrossOrgs(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> found = em().createNativeQuery("select o.id, o.name, o.slug, m.role, m.status"
                            + " from org_members m join orgs o on o.id = m.org_id where m.user_id = :user"
                            + " order by o.name_key, o.id")
                    .setParameter("user", userId.value())
                    .getResultList();
            return found.stream().map(row -> new Membership(new OrgId((UUID) row[0]), (String) row[1],
                    (String) row[2], enumOf(OrgRole.class, (String) row[3]),
                    enumOf(MemberStatus.class, (String) row[4]))).toList();
        });
    }

    public static List<String> values(Collection<UserId> userIds) {
        return userIds.stream().map(UserId::value).distinct().toList();
    }

    private static OrgMemberJpaEntity.Key key(OrgId orgId, UserId userId) {
        return new OrgMemberJpaEntity.Key(orgId.value(), userId.value());
    }

    private EntityManager em() {
        return rows.getEntityManager();
    }
}
