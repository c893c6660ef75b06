package circles.adapter.out.persistence.provisioning;

import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.provisioning.ScimTokenRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ScimToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

/**
 * SCIM tokens. Every operation works inside the org it names, except the lookup by secret hash: a SCIM request
 * names no org, its token does, so that one lookup reads across orgs.
 */
@ApplicationScoped
public class ScimTokenRepositoryAdapter implements ScimTokenRepository {
    private static final String LIST = "scim-tokens";

    private final ScimTokenPanacheRepository rows;
    private final TenantScopeAdapter scope;

    @Inject
    ScimTokenRepositoryAdapter(ScimTokenPanacheRepository rows, TenantScopeAdapter scope) {
        this.rows = rows;
        this.scope = scope;
    }

    @Override
    public void save(ScimToken token) {
        scope.enter(token.orgId());
        try {
            ScimTokenJpaEntity entity = rows.findById(token.id());
            if (entity == null) {
                entity = new ScimTokenJpaEntity();
                entity.id = token.id();
                entity.orgId = token.orgId().value();
                entity.secretHash = token.secretHash();
                entity.createdAt = micros(token.createdAt());
                entity.createdBy = token.createdBy() == null ? null : token.createdBy().value();
                entity.expiresAt = micros(token.expiresAt());
                entity.name = token.name();
                rows.persist(entity);
            }
            entity.lastUsedAt = micros(token.lastUsedAt());
            entity.revokedAt = micros(token.revokedAt());
            rows.flush();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public Optional<ScimToken> find(OrgId orgId, UUID tokenId) {
        scope.enter(orgId);
        return rows.findByIdOptional(tokenId).filter(row -> row.orgId.equals(orgId.value()))
                .map(ScimTokenRepositoryAdapter::toDomain);
    }

    @Override
    public Optional<ScimToken> findBySecretHash(String secretHash) {
        return scope.acrossOrgs(() -> rows.find("secretHash", secretHash).firstResultOptional()
                .map(ScimTokenRepositoryAdapter::toDomain));
    }

    @Override
    public Page<ScimToken> list(OrgId orgId, PageRequest page) {
        scope.enter(orgId);
        String list = String.join("\u0000", LIST, orgId.toString());
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select t.* from scim_tokens t where t.org_id = :org").bind("org", orgId.value());
        if (cursor != null) {
            Keyset.after(sql, "t.created_at", "t.id", true,
                    Instant.EPOCH.plus(cursor.sortKeyAsLong(), ChronoUnit.MICROS), cursor.uuid(), null);
        }
        sql.append(" order by t.created_at desc, t.id desc limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<ScimTokenJpaEntity> found = sql.entities(rows.getEntityManager(), ScimTokenJpaEntity.class)
                .getResultList();
        return Pages.of(found, page, ScimTokenRepositoryAdapter::toDomain, row -> KeysetCursor.encode(list,
                String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, row.createdAt)), row.id.toString()));
    }

    @Override
    public void recordUse(OrgId orgId, UUID tokenId, Instant usedAt) {
        scope.enter(orgId);
        try {
            new SqlQuery("update scim_tokens set last_used_at = greatest(coalesce(last_used_at, :at), :at)"
                    + " where id = :id and org_id = :org")
                    .bind("at", micros(usedAt)).bind("id", tokenId).bind("org", orgId.value())
                    .plain(rows.getEntityManager()).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    private static ScimToken toDomain(ScimTokenJpaEntity row) {
        return ScimToken.restore(row.id, new OrgId(row.orgId), row.name, row.secretHash, row.createdAt,
                row.createdBy == null ? null : new UserId(row.createdBy), row.expiresAt, row.lastUsedAt,
                row.revokedAt);
    }
}
