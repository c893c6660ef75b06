package circles.adapter.out.persistence.apitoken;

import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.apitoken.ApiTokenRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.apitoken.ApiToken;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

/**
 * API tokens. Every operation works inside the org it names, except the lookup by secret hash: a request names its
 * token's org only through the token, so that one lookup reads across orgs.
 */
@ApplicationScoped
public class ApiTokenRepositoryAdapter implements ApiTokenRepository {
    private static final String LIST = "api-tokens";

    private final ApiTokenPanacheRepository rows;
    private final TenantScopeAdapter scope;

    @Inject
    ApiTokenRepositoryAdapter(ApiTokenPanacheRepository rows, TenantScopeAdapter scope) {
        this.rows = rows;
        this.scope = scope;
    }

    @Override
    public void save(ApiToken token) {
        scope.enter(token.orgId());
        try {
            ApiTokenJpaEntity entity = rows.findById(token.id());
            if (entity == null) {
                entity = new ApiTokenJpaEntity();
                entity.id = token.id();
                entity.orgId = token.orgId().value();
                entity.name = token.name();
                entity.scopes = token.scopes().stream().map(ApiTokenScope::wire).sorted()
                        .collect(Collectors.joining(" "));
                entity.secretHash = token.secretHash();
                entity.createdAt = micros(token.createdAt());
                entity.createdBy = token.createdBy().value();
                entity.expiresAt = micros(token.expiresAt());
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
    public Optional<ApiToken> find(OrgId orgId, UUID tokenId) {
        scope.enter(orgId);
        return rows.findByIdOptional(tokenId).filter(row -> row.orgId.equals(orgId.value()))
                .map(ApiTokenRepositoryAdapter::toDomain);
    }

    @Override
    public Optional<ApiToken> findBySecretHash(String secretHash) {
        return scope.acrossOrgs(() -> rows.find("secretHash", secretHash).firstResultOptional()
                .map(ApiTokenRepositoryAdapter::toDomain));
    }

    @Override
    public Page<ApiToken> list(OrgId orgId, PageRequest page) {
        scope.enter(orgId);
        String list = String.join("\u0000", LIST, orgId.toString());
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select t.* from api_tokens t where t.org_id = :org").bind("org", orgId.value());
        if (cursor != null) {
            Keyset.after(sql, "t.created_at", "t.id", true,
                    Instant.EPOCH.plus(cursor.sortKeyAsLong(), ChronoUnit.MICROS), cursor.uuid(), null);
        }
        sql.append(" order by t.created_at desc, t.id desc limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<ApiTokenJpaEntity> found = sql.entities(rows.getEntityManager(), ApiTokenJpaEntity.class)
                .getResultList();
        return Pages.of(found, page, ApiTokenRepositoryAdapter::toDomain, row -> KeysetCursor.encode(list,
                String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, row.createdAt)), row.id.toString()));
    }

    @Override
    public void recordUse(OrgId orgId, UUID tokenId, Instant usedAt) {
        scope.enter(orgId);
        try {
            new SqlQuery("update api_tokens set last_used_at = greatest(coalesce(last_used_at, :at), :at)"
                    + " where id = :id and org_id = :org")
                    .bind("at", micros(usedAt)).bind("id", tokenId).bind("org", orgId.value())
                    .plain(rows.getEntityManager()).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    private static ApiToken toDomain(ApiTokenJpaEntity row) {
        Set<ApiTokenScope> scopes = EnumSet.noneOf(ApiTokenScope.class);
        Arrays.stream(row.scopes.split(" ")).map(ApiTokenScope::ofWire).flatMap(Optional::stream).forEach(scopes::add);
        return ApiToken.restore(row.id, new OrgId(row.orgId), row.name, scopes, row.secretHash, row.createdAt,
                new UserId(row.createdBy), row.expiresAt, row.lastUsedAt, row.revokedAt);
    }
}
