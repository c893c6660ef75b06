package circles.adapter.out.persistence.webhook;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.JsonColumns;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookSender;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook deliveries in {@code webhook_deliveries} and their attempts in {@code webhook_delivery_attempts} (V22).
 * A claim picks the due delivery with {@code FOR UPDATE SKIP LOCKED} and writes its lease end, which is also the
 * claim's token: recording an attempt needs the lease end the claim wrote, so a claimer whose lease was taken over
 * records nothing.
 */
@ApplicationScoped
public class WebhookDeliveryQueueAdapter implements WebhookDeliveryQueue {
    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    WebhookDeliveryQueueAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public Optional<UUID> enqueue(OrgId orgId, UUID webhookId, WebhookSender.Event event, Instant now) {
        scope.enter(orgId);
        UUID id = UUID.randomUUID();
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return JdbcWork.call(em, connection -> JdbcWork.rows(connection, "insert into webhook_deliveries"
                        + " (id, org_id, webhook_id, event_id, event_type, event, next_attempt_at, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)"
                        + " on conflict (webhook_id, event_id) do nothing returning id",
                id, orgId.value(), webhookId, event.id(), event.type(), JsonColumns.write(stored(event)), at, at, at))
                .stream().findFirst().map(row -> (UUID) row[0]);
    }

    @Override
    public Optional<Claimed> claimNext(Instant now, Duration lease) {
        Instant leaseUntil = now.plus(lease).truncatedTo(ChronoUnit.MICROS);
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "update webhook_deliveries d set lease_until = ?, updated_at = ? where d.id = (select c.id"
                        + " from webhook_deliveries c where c.status = 'pending' and c.next_attempt_at <= ?"
                        + " and (c.lease_until is null or c.lease_until <= ?)"
                        + " order by c.next_attempt_at, c.id limit 1 for update skip locked)"
                        + " returning d.id, d.org_id, d.webhook_id, d.event::text, d.attempts",
                leaseUntil, now, now, now)).stream().findFirst().map(row -> new Claimed((UUID) row[0],
                new OrgId((UUID) row[1]), (UUID) row[2], event((String) row[3]), ((Number) row[4]).intValue(),
                leaseUntil)));
    }

    @Override
    public boolean record(Claimed claimed, WebhookSender.Attempt attempt, Instant attemptedAt,
                          Instant nextAttemptAt) {
        scope.enter(claimed.orgId());
        String status = attempt.delivered() ? "delivered" : nextAttemptAt != null ? "pending" : "failed";
        return JdbcWork.call(em, connection -> {
            List<Object[]> updated = JdbcWork.rows(connection, "update webhook_deliveries set status = ?,"
                            + " attempts = attempts + 1, next_attempt_at = ?, lease_until = null, last_status_code = ?,"
                            + " last_error = ?, updated_at = ? where id = ? and lease_until = ? returning attempts",
                    status, nextAttemptAt == null || attempt.delivered() ? null : nextAttemptAt,
                    attempt.statusCode(), attempt.error(), attemptedAt, claimed.id(), claimed.leaseUntil());
            if (updated.isEmpty()) {
                return false;
            }
            JdbcWork.update(connection, "insert into webhook_delivery_attempts (delivery_id, org_id, attempt,"
                            + " attempted_at, status_code, duration_ms, error, next_attempt_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                    claimed.id(), claimed.orgId().value(), ((Number) updated.getFirst()[0]).intValue(), attemptedAt,
                    attempt.statusCode(), attempt.duration().toMillis(), attempt.error(),
                    attempt.delivered() ? null : nextAttemptAt);
            return true;
        });
    }

    @Override
    public UUID recordSent(OrgId orgId, UUID webhookId, WebhookSender.Event event, WebhookSender.Attempt attempt,
                           Instant attemptedAt) {
        scope.enter(orgId);
        UUID id = UUID.randomUUID();
        Instant at = attemptedAt.truncatedTo(ChronoUnit.MICROS);
        return JdbcWork.call(em, connection -> {
            JdbcWork.update(connection, "insert into webhook_deliveries (id, org_id, webhook_id, event_id, event_type,"
                            + " event, status, attempts, last_status_code, last_error, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, cast(? as jsonb), ?, 1, ?, ?, ?, ?)",
                    id, orgId.value(), webhookId, event.id(), event.type(), JsonColumns.write(stored(event)),
                    attempt.delivered() ? "delivered" : "failed", attempt.statusCode(), attempt.error(), at, at);
            JdbcWork.update(connection, "insert into webhook_delivery_attempts (delivery_id, org_id, attempt,"
                            + " attempted_at, status_code, duration_ms, error) values (?, ?, 1, ?, ?, ?, ?)",
                    id, orgId.value(), at, attempt.statusCode(), attempt.duration().toMillis(), attempt.error());
            return id;
        });
    }

    @Override
    public Page<Logged> list(OrgId orgId, UUID webhookId, Status status, PageRequest page) {
        scope.enter(orgId);
        String list = String.join("\u0000", "webhook-deliveries", orgId.toString(), webhookId.toString(),
                String.valueOf(status));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        List<Object> parameters = new ArrayList<>(List.of(webhookId, orgId.value()));
        StringBuilder sql = new StringBuilder("select id, webhook_id, event_id, event_type, status, attempts,"
                + " next_attempt_at, created_at from webhook_deliveries where webhook_id = ? and org_id = ?");
        if (status != null) {
            sql.append(" and status = ?");
            parameters.add(status.name().toLowerCase(Locale.ROOT));
        }
        if (cursor != null) {
            Instant key = Instant.EPOCH.plus(cursor.sortKeyAsLong(), ChronoUnit.MICROS);
            sql.append(" and (created_at, id) < (?, ?)");
            parameters.add(key);
            parameters.add(cursor.uuid());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        parameters.add(Pages.fetchSize(page));
        return JdbcWork.call(em, connection -> {
            List<Object[]> rows = JdbcWork.rows(connection, sql.toString(), parameters.toArray());
            Map<UUID, List<LoggedAttempt>> attempts = new HashMap<>();
            if (!rows.isEmpty()) {
                java.sql.Array ids = connection.createArrayOf("uuid", rows.stream().map(row -> row[0]).toArray());
                for (Object[] row : JdbcWork.rows(connection, "select delivery_id, attempt, attempted_at, status_code,"
                        + " duration_ms, error, next_attempt_at from webhook_delivery_attempts"
                        + " where delivery_id = any(?) order by delivery_id, attempt", ids)) {
                    attempts.computeIfAbsent((UUID) row[0], key -> new ArrayList<>()).add(new LoggedAttempt(
                            ((Number) row[1]).intValue(), JdbcWork.instant(row[2]),
                            row[3] == null ? null : ((Number) row[3]).intValue(), ((Number) row[4]).longValue(),
                            (String) row[5], row[6] == null ? null : JdbcWork.instant(row[6])));
                }
            }
            return Pages.of(rows, page, row -> logged(row, attempts.getOrDefault((UUID) row[0], List.of())),
                    row -> KeysetCursor.encode(list, String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH,
                            JdbcWork.instant(row[7]))), row[0].toString()));
        });
    }

    @Override
    public Optional<Logged> redeliver(OrgId orgId, UUID webhookId, UUID deliveryId, Instant now) {
        scope.enter(orgId);
        List<Object[]> updated = JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "update webhook_deliveries set status = 'pending', next_attempt_at = ?, updated_at = ?"
                        + " where id = ? and webhook_id = ? and org_id = ?"
                        + " returning id, webhook_id, event_id, event_type, status, attempts, next_attempt_at,"
                        + " created_at", now, now, deliveryId, webhookId, orgId.value()));
        return updated.stream().findFirst().map(row -> logged(row, List.of()));
    }

    @Override
    public int replayFailed(OrgId orgId, UUID webhookId, Instant since, Instant now) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> JdbcWork.update(connection,
                "update webhook_deliveries set status = 'pending', next_attempt_at = ?, updated_at = ?"
                        + " where webhook_id = ? and org_id = ? and status = 'failed' and created_at >= ?",
                now, now, webhookId, orgId.value(), since));
    }

    private static Logged logged(Object[] row, List<LoggedAttempt> attempts) {
        return new Logged((UUID) row[0], (UUID) row[1], (UUID) row[2], (String) row[3],
                Status.valueOf(((String) row[4]).toUpperCase(Locale.ROOT)), ((Number) row[5]).intValue(),
                row[6] == null ? null : JdbcWork.instant(row[6]), JdbcWork.instant(row[7]), List.copyOf(attempts));
    }

    private static Map<String, Object> stored(WebhookSender.Event event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id().toString());
        json.put("type", event.type());
        json.put("source", event.source());
        json.put("subject", event.subject());
        json.put("time", event.time().toString());
        json.put("data", event.data());
        json.put("thinData", event.thinData());
        json.put("dataref", event.dataref());
        return json;
    }

    @SuppressWarnings("unchecked")
    private static WebhookSender.Event event(String json) {
        Map<String, Object> stored = JsonColumns.read(json, Map.class);
        return new WebhookSender.Event(UUID.fromString((String) stored.get("id")), (String) stored.get("type"),
                (String) stored.get("source"), (String) stored.get("subject"),
                Instant.parse((String) stored.get("time")), (Map<String, Object>) stored.get("data"),
                (Map<String, Object>) stored.get("thinData"), (String) stored.get("dataref"));
    }
}
