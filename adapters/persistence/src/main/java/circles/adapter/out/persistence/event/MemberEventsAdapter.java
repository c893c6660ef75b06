package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.event.MemberEvents;
import circles.domain.activity.ActivityRecorded;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.GroupMembershipChanged;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes directory events through the outbox: each event is a row of {@code member_events} written in the
 * current transaction, so it exists if and only if the change does. When the transaction commits, the queues
 * of the members it touched are handed to {@link MemberEventOutboxAdapter}, which delivers them at once; whatever that
 * misses (a failing consumer, a crash) the redelivery job picks up.
 */
@ApplicationScoped
public class MemberEventsAdapter implements MemberEvents {
    private static final String COMMITTED_QUEUES = MemberEventsAdapter.class.getName() + ".queues";

    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final TransactionSynchronizationRegistry transaction;
    private final MemberEventOutboxAdapter delivery;

    @Inject
    MemberEventsAdapter(EntityManager em, TenantScopeAdapter scope, TransactionSynchronizationRegistry transaction,
                        MemberEventOutboxAdapter delivery) {
        this.em = em;
        this.scope = scope;
        this.transaction = transaction;
        this.delivery = delivery;
    }

    @Override
    public void memberChanged(MemberChanged event) {
        store(event.eventId(), event.orgId(), event.userId().value(), MemberEventPayloads.MEMBER_CHANGED,
                MemberEventPayloads.write(event), event.occurredAt());
    }

    @Override
    public void membersImported(MembersImported event) {
        store(event.eventId(), event.orgId(), MemberEventOutboxAdapter.ORG_WIDE, MemberEventPayloads.MEMBERS_IMPORTED,
                MemberEventPayloads.write(event), event.occurredAt());
    }

    @Override
    public void masterDataTreeChanged(MasterDataTreeChanged event) {
        store(event.eventId(), event.orgId(), MemberEventOutboxAdapter.ORG_WIDE,
                MemberEventPayloads.MASTER_DATA_TREE_CHANGED, MemberEventPayloads.write(event), event.occurredAt());
    }

    @Override
    public void groupMembershipChanged(GroupMembershipChanged event) {
        store(event.eventId(), event.orgId(), event.userId().value(), MemberEventPayloads.GROUP_MEMBERSHIP_CHANGED,
                MemberEventPayloads.write(event), event.occurredAt());
    }

    @Override
    public void activityRecorded(ActivityRecorded event) {
        store(event.eventId(), event.orgId(), MemberEventOutboxAdapter.ORG_WIDE, MemberEventPayloads.ACTIVITY_RECORDED,
                MemberEventPayloads.write(event), event.occurredAt());
    }

    private void store(UUID id, OrgId orgId, String memberKey, String type, String payload, Instant occurredAt) {
        scope.enter(orgId);
        try {
            // Rows the session still holds (the org of a new member, say) go first: the event refers to them.
            em.flush();
            em.createNativeQuery("insert into member_events (id, org_id, member_key, type, payload, occurred_at,"
                            + " next_attempt_at) values (:id, :org, :member, :type, cast(:payload as jsonb), :at, :at)")
                    .setParameter("id", id)
                    .setParameter("org", orgId.value())
                    .setParameter("member", memberKey)
                    .setParameter("type", type)
                    .setParameter("payload", payload)
                    .setParameter("at", ColumnValues.micros(occurredAt))
                    .executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
        deliverAfterCommit(new MemberEventOutboxAdapter.Queue(orgId.value(), memberKey));
    }

    /** Remembers the queue for this transaction; the first one registers the hand-over after commit. */
    @SuppressWarnings("unchecked")
    private void deliverAfterCommit(MemberEventOutboxAdapter.Queue queue) {
        Set<MemberEventOutboxAdapter.Queue> queues =
                (Set<MemberEventOutboxAdapter.Queue>) transaction.getResource(COMMITTED_QUEUES);
        if (queues == null) {
            Set<MemberEventOutboxAdapter.Queue> touched = new LinkedHashSet<>();
            transaction.putResource(COMMITTED_QUEUES, touched);
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        delivery.deliverSoon(touched);
                    }
                }
            });
            queues = touched;
        }
        queues.add(queue);
    }
}
