package circles.adapter.out.persistence.webhook;

import circles.adapter.out.persistence.secret.SecretBox;
import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.webhook.WebhookRepository;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.webhook.Webhook;
import circles.domain.webhook.WebhookSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

/**
 * Webhook endpoints, each inside its org. Signing secrets are sealed by {@link SecretBox} before they are written
 * and opened when read, bound to the endpoint's id: the table never holds one in clear.
 */
@ApplicationScoped
public class WebhookRepositoryAdapter implements WebhookRepository {
    private static final String LIST = "webhooks";

    private final WebhookPanacheRepository rows;
    private final TenantScopeAdapter scope;
    private final SecretBox box;

    @Inject
    WebhookRepositoryAdapter(WebhookPanacheRepository rows, TenantScopeAdapter scope, SecretBox box) {
        this.rows = rows;
        this.scope = scope;
        this.box = box;
    }

    @Override
    public void save(Webhook webhook) {
        scope.enter(webhook.orgId());
        try {
            WebhookJpaEntity entity = rows.findById(webhook.id());
            boolean isNew = entity == null;
            if (isNew) {
                entity = new WebhookJpaEntity();
                entity.id = webhook.id();
                entity.orgId = webhook.orgId().value();
                entity.createdAt = micros(webhook.createdAt());
                entity.createdBy = webhook.createdBy() == null ? null : webhook.createdBy().value();
            }
            String context = context(webhook.id());
            entity.url = webhook.url();
            entity.description = webhook.description();
            entity.eventTypes = webhook.eventTypes().stream().sorted().toArray(String[]::new);
            entity.groupIds = webhook.groupIds().stream().map(GroupId::value).sorted().toArray(UUID[]::new);
            entity.enabled = webhook.enabled();
            entity.disabledReason = webhook.disabledReason();
            entity.disabledAt = micros(webhook.disabledAt());
            if (entity.secretSealed == null || !box.open(entity.secretSealed, context)
                    .equals(webhook.secret().reveal())) {
                entity.secretSealed = box.seal(webhook.secret().reveal(), context);
            }
            entity.previousSecretSealed = webhook.previousSecret() == null ? null
                    : box.seal(webhook.previousSecret().reveal(), context);
            entity.previousSecretExpiresAt = micros(webhook.previousSecretExpiresAt());
            entity.updatedAt = micros(webhook.updatedAt());
            entity.failingSince = micros(webhook.failingSince());
            if (isNew) {
                rows.persist(entity);
            }
            rows.flush();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public Optional<Webhook> find(OrgId orgId, UUID webhookId) {
        scope.enter(orgId);
        return rows.findByIdOptional(webhookId).filter(row -> row.orgId.equals(orgId.value())).map(this::toDomain);
    }

    @Override
    public Page<Webhook> list(OrgId orgId, PageRequest page) {
        scope.enter(orgId);
        String list = String.join("\u0000", LIST, orgId.toString());
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select w.* from webhooks w where w.org_id = :org").bind("org", orgId.value());
        if (cursor != null) {
            Keyset.after(sql, "w.created_at", "w.id", false,
                    Instant.EPOCH.plus(cursor.sortKeyAsLong(), ChronoUnit.MICROS), cursor.uuid(), null);
        }
        sql.append(" order by w.created_at, w.id limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<WebhookJpaEntity> found = sql.entities(rows.getEntityManager(), WebhookJpaEntity.class).getResultList();
        return Pages.of(found, page, this::toDomain, row -> KeysetCursor.encode(list,
                String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, row.createdAt)), row.id.toString()));
    }

    @Override
    public List<Webhook> enabled(OrgId orgId) {
        scope.enter(orgId);
        return rows.list("orgId = ?1 and enabled = true order by createdAt, id", orgId.value()).stream()
                .map(this::toDomain).toList();
    }

    @Override
    public List<Webhook> limitedTo(OrgId orgId, GroupId group) {
        scope.enter(orgId);
        @SuppressWarnings("unchecked")
        List<WebhookJpaEntity> found = new SqlQuery("select w.* from webhooks w where w.org_id = :org"
                + " and cast(:group as uuid) = any(w.group_ids) order by w.created_at, w.id")
                .bind("org", orgId.value()).bind("group", group.value())
                .entities(rows.getEntityManager(), WebhookJpaEntity.class).getResultList();
        return found.stream().map(this::toDomain).toList();
    }

    @Override
    public boolean delete(OrgId orgId, UUID webhookId) {
        scope.enter(orgId);
        try {
            return new SqlQuery("delete from webhooks where id = :id and org_id = :org")
                    .bind("id", webhookId).bind("org", orgId.value())
                    .plain(rows.getEntityManager()).executeUpdate() > 0;
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    private Webhook toDomain(WebhookJpaEntity row) {
        String context = context(row.id);
        return Webhook.restore(row.id, new OrgId(row.orgId), row.url, row.description,
                new LinkedHashSet<>(Arrays.asList(row.eventTypes)),
                Arrays.stream(row.groupIds).map(GroupId::new).collect(Collectors.toSet()), row.enabled,
                row.disabledReason, row.disabledAt, row.createdAt,
                row.createdBy == null ? null : new UserId(row.createdBy), row.updatedAt,
                WebhookSecret.of(box.open(row.secretSealed, context)),
                row.previousSecretSealed == null ? null : WebhookSecret.of(box.open(row.previousSecretSealed, context)),
                row.previousSecretExpiresAt, row.failingSince);
    }

    private static String context(UUID webhookId) {
        return "webhook:" + webhookId;
    }
}
