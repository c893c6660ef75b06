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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook deliveries in {@code webhook_deliveries} and their attempts in {@code webhook_delivery_attempts} (V22).
 * A claim picks a batch of due deliveries with {@code FOR UPDATE SKIP LOCKED} and writes their lease end, which is
 * also the claim's token: recording an attempt needs the lease end the claim wrote, so a claimer whose lease was
 * taken over records nothing. Finished deliveries are purged after their retention, oldest first, in slices.
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

    /** One statement for the whole list: the rows come in as arrays, and duplicates are skipped by the key. */
    @Override
    public int enqueueAll(OrgId orgId, List<Queued> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        scope.enter(orgId);
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        int size = deliveries.size();
        String[] ids = new String[size];
        String[] webhooks = new String[size];
        String[] events = new String[size];
        String[] types = new String[size];
        String[] bodies = new String[size];
        for (int i = 0; i < size; i++) {
            Queued queued = deliveries.get(i);
            ids[i] = UUID.randomUUID().toString();
            webhooks[i] = queued.webhookId().toString();
            events[i] = queued.event().id().toString();
            types[i] = queued.event().type();
            bodies[i] = JsonColumns.write(stored(queued.event()));
        }
        return JdbcWork.call(em, connection -> JdbcWork.update(connection, "insert into webhook_deliveries"
                        + " (id, org_id, webhook_id, event_id, event_type, event, next_attempt_at, created_at, updated_at)"
                        + " select q.id, ?, q.webhook_id, q.event_id, q.event_type, q.event, ?, ?, ?"
                        + " from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as uuid[]), cast(? as text[]),"
                        + " cast(? as jsonb[])) as q(id, webhook_id, event_id, event_type, event)"
                        + " on conflict (webhook_id, event_id) do nothing",
                orgId.value(), at, at, at, connection.createArrayOf("text", ids),
                connection.createArrayOf("text", webhooks), connection.createArrayOf("text", events),
                connection.createArrayOf("text", types), connection.createArrayOf("text", bodies)));
    }

    @Override
    public List<Claimed> claim(Instant now, Duration lease, int max) {
        Instant leaseUntil = now.plus(lease).truncatedTo(ChronoUnit.MICROS);
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "update webhook_deliveries d set lease_until = ?, updated_at = ? where d.id in (select c.id"
                        + " from webhook_deliveries c where c.status = 'pending' and c.next_attempt_at <= ?"
                        + " and (c.lease_until is null or c.lease_until <= ?)"
                        + " order by c.next_attempt_at, c.id limit ? for update skip locked)"
                        + " returning d.id, d.org_id, d.webhook_id, d.event::text, d.attempts, d.next_attempt_at",
                leaseUntil, now, now, now, max))).stream()
                .sorted(java.util.Comparator.comparing((Object[] row) -> JdbcWork.instant(row[5])))
                .map(row -> new Claimed((UUID) row[0], new OrgId((UUID) row[1]), (UUID) row[2],
                        event((String) row[3]), ((Number) row[4]).intValue(), leaseUntil))
                .toList();
    }

    /**
     * One statement for the whole batch: the deliveries still leased by their claim are updated, and an attempt row
     * is written for each of those (and only those).
     */
    @Override
    public Set<UUID> record(List<Sent> attempts) {
        if (attempts.isEmpty()) {
            return Set.of();
        }
        int size = attempts.size();
        String[] ids = new String[size];
        String[] leases = new String[size];
        String[] statuses = new String[size];
        String[] codes = new String[size];
        String[] errors = new String[size];
        String[] nextAttempts = new String[size];
        String[] attemptedAt = new String[size];
        String[] durations = new String[size];
        String[] loggedNext = new String[size];
        for (int i = 0; i < size; i++) {
            Sent sent = attempts.get(i);
            WebhookSender.Attempt attempt = sent.attempt();
            boolean retry = !attempt.delivered() && sent.nextAttemptAt() != null;
            ids[i] = sent.claimed().id().toString();
            leases[i] = sent.claimed().leaseUntil().toString();
            statuses[i] = attempt.delivered() ? "delivered" : retry ? "pending" : "failed";
            codes[i] = attempt.statusCode() == null ? null : attempt.statusCode().toString();
            errors[i] = attempt.error();
            nextAttempts[i] = retry ? sent.nextAttemptAt().toString() : null;
            attemptedAt[i] = sent.attemptedAt().truncatedTo(ChronoUnit.MICROS).toString();
            durations[i] = Long.toString(attempt.duration().toMillis());
            loggedNext[i] = nextAttempts[i];
        }
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection -> {
            Object[] arrays = new Object[9];
            String[][] columns = {ids, leases, statuses, codes, errors, nextAttempts, attemptedAt, durations,
                    loggedNext};
            for (int i = 0; i < columns.length; i++) {
                arrays[i] = connection.createArrayOf("text", columns[i]);
            }
            List<Object[]> rows = JdbcWork.rows(connection, "with sent as (select * from unnest(cast(? as uuid[]),"
                            + " cast(? as timestamptz[]), cast(? as text[]), cast(? as int[]), cast(? as text[]),"
                            + " cast(? as timestamptz[]), cast(? as timestamptz[]), cast(? as bigint[]),"
                            + " cast(? as timestamptz[])) as s(id, lease_until, status, status_code, error, next_attempt_at,"
                            + " attempted_at, duration_ms, logged_next)),"
                            + " updated as (update webhook_deliveries d set status = s.status, attempts = d.attempts + 1,"
                            + " next_attempt_at = s.next_attempt_at, lease_until = null, last_status_code = s.status_code,"
                            + " last_error = s.error, updated_at = s.attempted_at from sent s"
                            + " where d.id = s.id and d.lease_until = s.lease_until"
                            + " returning d.id, d.org_id, d.attempts, s.attempted_at, s.status_code, s.duration_ms,"
                            + " s.error, s.logged_next)"
                            + " insert into webhook_delivery_attempts (delivery_id, org_id, attempt, attempted_at,"
                            + " status_code, duration_ms, error, next_attempt_at)"
                            + " select id, org_id, attempts, attempted_at, status_code, duration_ms, error, logged_next"
                            + " from updated returning delivery_id",
                    arrays);
            Set<UUID> recorded = new HashSet<>();
            rows.forEach(row -> recorded.add((UUID) row[0]));
            return recorded;
        }));
    }

    /** Set-based: one statement deletes the oldest finished deliveries (their attempts go with them). */
    @Override
    public int purgeFinished(Instant before, int max) {
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection -> JdbcWork.update(connection,
                "delete from webhook_deliveries where id in (select id from webhook_deliveries"
                        + " where status <> 'pending' and updated_at < ? order by updated_at limit ?)",
                before, max)));
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
