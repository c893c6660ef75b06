package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.event.DirectoryEventOutbox;
import circles.domain.directory.DirectoryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes each event as a row of the outbox ({@code member_events}) in the current transaction. When the transaction
 * commits, the queues it touched are announced ({@link DirectoryEventOutbox.Committed}) so that the event relay
 * delivers them at once; whatever that misses (a failing handler, a crash) the redelivery job picks up.
 */
@ApplicationScoped
class DirectoryEventOutboxWriter implements DirectoryEventWriter {
    private static final String COMMITTED_QUEUES = DirectoryEventOutboxWriter.class.getName() + ".queues";

    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final TransactionSynchronizationRegistry transaction;
    private final Event<DirectoryEventOutbox.Committed> committed;

    @Inject
    DirectoryEventOutboxWriter(EntityManager em, TenantScopeAdapter scope, TransactionSynchronizationRegistry transaction,
                            Event<DirectoryEventOutbox.Committed> committed) {
        this.em = em;
        this.scope = scope;
        this.transaction = transaction;
        this.committed = committed;
    }

    @Override
    public void write(DirectoryEvent event, DirectoryEventCodec.Encoded encoded) {
        DirectoryEventOutbox.Queue queue = DirectoryEventOutbox.Queue.of(event);
        scope.enter(event.orgId());
        try {
            // Rows the session still holds (the org of a new member, say) go first: the event refers to them.
            em.flush();
            em.createNativeQuery("insert into member_events (id, org_id, member_key, type, payload, occurred_at,"
                            + " next_attempt_at) values (:id, :org, :member, :type, cast(:payload as jsonb), :at, :at)")
                    .setParameter("id", event.eventId())
                    .setParameter("org", event.orgId().value())
                    .setParameter("member", DirectoryEventOutboxAdapter.memberKey(queue))
                    .setParameter("type", encoded.type())
                    .setParameter("payload", encoded.payload())
                    .setParameter("at", ColumnValues.micros(event.occurredAt()))
                    .executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
        announceAfterCommit(queue);
    }

    /** Remembers the queue for this transaction; the first one registers the announcement after commit. */
    @SuppressWarnings("unchecked")
    private void announceAfterCommit(DirectoryEventOutbox.Queue queue) {
        Set<DirectoryEventOutbox.Queue> queues = (Set<DirectoryEventOutbox.Queue>) transaction.getResource(COMMITTED_QUEUES);
        if (queues == null) {
            Set<DirectoryEventOutbox.Queue> touched = new LinkedHashSet<>();
            transaction.putResource(COMMITTED_QUEUES, touched);
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        committed.fire(new DirectoryEventOutbox.Committed(touched));
                    }
                }
            });
            queues = touched;
        }
        queues.add(queue);
    }
}
