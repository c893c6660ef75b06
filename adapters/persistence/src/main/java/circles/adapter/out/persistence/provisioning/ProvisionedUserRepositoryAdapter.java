package circles.adapter.out.persistence.provisioning;

import circles.adapter.out.persistence.member.OrgMemberJpaEntity;
import circles.adapter.out.persistence.member.OrgMemberMapper;
import circles.adapter.out.persistence.member.OrgMemberPanacheRepository;
import circles.adapter.out.persistence.sql.JsonColumns;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.provisioning.ProvisionedUserRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.provisioning.ProvisionedUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

/**
 * Org members with their SCIM identity ({@code scim_users}), inside the org each operation names. A row with
 * {@code deleted_at} set hides its member from every read here (V18).
 */
@ApplicationScoped
public class ProvisionedUserRepositoryAdapter implements ProvisionedUserRepository {
    private static final String LIST = "scim-users";
    /** SQL condition on an org member row {@code m}: the provider has not deleted it. */
    private static final String IN_VIEW = " not exists (select 1 from scim_users d where d.org_id = m.org_id"
            + " and d.user_id = m.user_id and d.deleted_at is not null)";

    private final OrgMemberPanacheRepository members;
    private final TenantScopeAdapter scope;

    @Inject
    ProvisionedUserRepositoryAdapter(OrgMemberPanacheRepository members, TenantScopeAdapter scope) {
        this.members = members;
        this.scope = scope;
    }

    @Override
    public Optional<ProvisionedUser> find(OrgId orgId, UserId userId) {
        scope.enter(orgId);
        @SuppressWarnings("unchecked")
        List<OrgMemberJpaEntity> found = new SqlQuery("select m.* from org_members m where m.org_id = :org"
                + " and m.user_id = :user and" + IN_VIEW).bind("org", orgId.value()).bind("user", userId.value())
                .entities(em(), OrgMemberJpaEntity.class).getResultList();
        return withIdentities(orgId, found).stream().findFirst();
    }

    @Override
    public Page<ProvisionedUser> list(OrgId orgId, PageRequest page) {
        scope.enter(orgId);
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), LIST);
        SqlQuery sql = new SqlQuery("select m.* from org_members m where m.org_id = :org and" + IN_VIEW)
                .bind("org", orgId.value());
        if (cursor != null) {
            sql.append(" and m.user_id > :cursor_id", "cursor_id", cursor.id());
        }
        sql.append(" order by m.user_id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<OrgMemberJpaEntity> found = sql.entities(em(), OrgMemberJpaEntity.class).getResultList();
        boolean more = found.size() > page.limit();
        List<OrgMemberJpaEntity> rows = more ? found.subList(0, page.limit()) : found;
        String next = more ? KeysetCursor.encode(LIST, null, rows.getLast().userId) : null;
        return new Page<>(withIdentities(orgId, rows), next);
    }

    @Override
    public List<ProvisionedUser> withUserName(OrgId orgId, String userName) {
        scope.enter(orgId);
        @SuppressWarnings("unchecked")
        List<OrgMemberJpaEntity> found = new SqlQuery("select m.* from org_members m where m.org_id = :org and ("
                + " exists (select 1 from scim_users s where s.org_id = m.org_id and s.user_id = m.user_id"
                + " and s.user_name_key = lower(:name) and s.deleted_at is null)"
                + " or (lower(m.user_id) = lower(:name) and not exists (select 1 from scim_users s"
                + " where s.org_id = m.org_id and s.user_id = m.user_id))) order by m.user_id limit 100")
                .bind("org", orgId.value()).bind("name", userName)
                .entities(em(), OrgMemberJpaEntity.class).getResultList();
        return withIdentities(orgId, found);
    }

    @Override
    public void saveIdentity(OrgId orgId, UserId userId, ProvisionedIdentity identity) {
        scope.enter(orgId);
        try {
            em().flush();
            new SqlQuery("insert into scim_users (org_id, user_id, user_name, external_id, attributes)"
                    + " values (:org, :user, :name, cast(:external as text), cast(:attributes as jsonb))"
                    + " on conflict (org_id, user_id) do update set user_name = excluded.user_name,"
                    + " external_id = excluded.external_id, attributes = excluded.attributes, deleted_at = null")
                    .bind("org", orgId.value()).bind("user", userId.value()).bind("name", identity.userName())
                    .bind("external", identity.externalId())
                    .bind("attributes", JsonColumns.write(identity.attributes()))
                    .plain(em()).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public void markDeleted(OrgId orgId, UserId userId, Instant at) {
        scope.enter(orgId);
        try {
            em().flush();
            new SqlQuery("insert into scim_users (org_id, user_id, user_name, deleted_at)"
                    + " values (:org, :user, :user, :at)"
                    + " on conflict (org_id, user_id) do update set deleted_at = excluded.deleted_at")
                    .bind("org", orgId.value()).bind("user", userId.value()).bind("at", micros(at))
                    .plain(em()).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public boolean isDeleted(OrgId orgId, UserId userId) {
        scope.enter(orgId);
        em().flush();
        return !new SqlQuery("select 1 from scim_users s where s.org_id = :org and s.user_id = :user"
                + " and s.deleted_at is not null").bind("org", orgId.value()).bind("user", userId.value())
                .plain(em()).getResultList().isEmpty();
    }

    /** The members, each with its stored identity (or none), in the given order. */
    private List<ProvisionedUser> withIdentities(OrgId orgId, List<OrgMemberJpaEntity> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> identities = new SqlQuery("select s.user_id, s.user_name, s.external_id,"
                + " cast(s.attributes as text) from scim_users s where s.org_id = :org and s.user_id in (:users)")
                .bind("org", orgId.value()).bind("users", rows.stream().map(row -> row.userId).toList())
                .plain(em()).getResultList();
        Map<String, ProvisionedIdentity> byUser = new HashMap<>();
        for (Object[] row : identities) {
            byUser.put((String) row[0], new ProvisionedIdentity((String) row[1], (String) row[2],
                    JsonColumns.readObject((String) row[3])));
        }
        return rows.stream()
                .map(row -> new ProvisionedUser(OrgMemberMapper.toDomain(row), byUser.get(row.userId)))
                .toList();
    }

    private EntityManager em() {
        return members.getEntityManager();
    }
}
