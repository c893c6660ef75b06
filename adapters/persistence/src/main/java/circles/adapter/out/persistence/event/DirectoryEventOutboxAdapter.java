package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.event.DirectoryEventOutbox;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The outbox table as the relay needs it. A claim is a row lock taken with {@code FOR UPDATE SKIP LOCKED}: it holds
 * until the caller's transaction ends, and an event another instance holds is passed over rather than waited for.
 * Only the head of a queue (its lowest {@code seq} still pending) is ever claimed, which keeps each queue in order.
 */
@ApplicationScoped
public class DirectoryEventOutboxAdapter implements DirectoryEventOutbox {
    /** The queue key of events about a whole org rather than one member (an import). */
    static final String ORG_WIDE = "";
    private static final String PENDING = "e.handled_at is null and e.parked_at is null";
    private static final String COLUMNS = "select e.id, e.org_id, e.member_key, e.type, e.payload::text, e.attempts"
            + " from member_events e where ";

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    DirectoryEventOutboxAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    static String memberKey(Queue queue) {
        return queue.member().map(UserId::value).orElse(ORG_WIDE);
    }

    @Override
    public Optional<PendingEvent> claimHead(Queue queue, Instant now) {
        return translated(() -> {
            scope.enter(queue.orgId());
            return first(em.createNativeQuery(COLUMNS + "e.org_id = :org and e.member_key = :member and " + PENDING
                            + " and e.next_attempt_at <= :now"
                            + " and e.seq = (select min(h.seq) from member_events h where h.org_id = :org"
                            + " and h.member_key = :member and h.handled_at is null and h.parked_at is null)"
                            + " for update of e skip locked")
                    .setParameter("org", queue.orgId().value())
                    .setParameter("member", memberKey(queue))
                    .setParameter("now", now)
                    .getResultList());
        });
    }

    @Override
    public Optional<PendingEvent> claimNextDue(Instant now) {
        return translated(() -> {
            Optional<PendingEvent> claimed = scope.acrossOrgs(() -> first(em.createNativeQuery(COLUMNS + PENDING
                            + " and e.next_attempt_at <= :now"
                            + " and not exists (select 1 from member_events h where h.org_id = e.org_id"
                            + " and h.member_key = e.member_key and h.seq < e.seq"
                            + " and h.handled_at is null and h.parked_at is null)"
                            + " order by e.seq limit 1 for update of e skip locked")
                    .setParameter("now", now)
                    .getResultList()));
            claimed.ifPresent(event -> scope.enter(event.queue().orgId()));
            return claimed;
        });
    }

    @Override
    public void markHandled(PendingEvent event, Instant now) {
        translated(() -> em.createNativeQuery("update member_events set handled_at = :now, attempts = attempts + 1,"
                        + " last_error = null where id = :id")
                .setParameter("now", now)
                .setParameter("id", event.id())
                .executeUpdate());
    }

    @Override
    public void recordFailure(PendingEvent event, Failure failure) {
        translated(() -> {
            scope.enter(event.queue().orgId());
            return em.createNativeQuery("update member_events set attempts = :attempts, last_error = :error,"
                            + " next_attempt_at = :next, parked_at = :parked where id = :id and handled_at is null")
                    .setParameter("attempts", failure.attempts())
                    .setParameter("error", failure.error())
                    .setParameter("next", failure.nextAttemptAt())
                    .setParameter("parked", failure.park() ? failure.at() : null)
                    .setParameter("id", event.id())
                    .executeUpdate();
        });
    }

    @Override
    public int purgeHandledBefore(Instant cutoff, int limit) {
        return translated(() -> scope.acrossOrgs(() ->
                em.createNativeQuery("delete from member_events where id in (select id from member_events"
                                + " where handled_at < :cutoff limit :limit)")
                        .setParameter("cutoff", cutoff)
                        .setParameter("limit", limit)
                        .executeUpdate()));
    }

    private static Optional<PendingEvent> first(List<?> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.getFirst();
        String memberKey = (String) row[2];
        Queue queue = new Queue(new OrgId((UUID) row[1]),
                ORG_WIDE.equals(memberKey) ? Optional.empty() : Optional.of(UserId.of(memberKey)));
        String type = (String) row[3];
        String payload = (String) row[4];
        return Optional.of(new PendingEvent((UUID) row[0], queue, ((Number) row[5]).intValue(),
                () -> DirectoryEventCodec.decode(type, payload)));
    }

    private static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }
}
