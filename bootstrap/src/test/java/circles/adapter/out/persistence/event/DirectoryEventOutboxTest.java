package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.in.event.RedeliverDirectoryEventsUseCase;
import circles.application.port.out.event.DirectoryEventOutbox;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.service.event.DirectoryEventRelayService;
import circles.bootstrap.support.RecordingDirectoryEventConsumer;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox of directory events: an event exists if and only if its change committed, reaches the consumers
 * right after the commit, and is delivered again (once, in order per member) when that delivery failed or never
 * happened.
 */
@QuarkusTest
class DirectoryEventOutboxTest extends PersistenceTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    DirectoryEvents directoryEvents;
    @Inject
    RedeliverDirectoryEventsUseCase redelivery;
    @Inject
    RecordingDirectoryEventConsumer consumer;
    @Inject
    EntityManager em;
    @Inject
    DirectoryEventRelayService.Retries retries;

    private Organization org;
    private UserId bo;

    @BeforeEach
    void anOrgWithAMember() {
        org = newOrg();
        bo = user("bo");
        newOrgMember(org.id(), bo, OrgRole.MEMBER);
    }

    private MemberChanged change(String department) {
        return MemberChanged.between(org.id(), bo,
                new MemberChanged.Snapshot(OrgRole.MEMBER, MemberStatus.ACTIVE, MemberProfile.EMPTY),
                new MemberChanged.Snapshot(OrgRole.MEMBER, MemberStatus.ACTIVE, new MemberProfile("bo@acme.example",
                        "Bo", department, null, null, null, null, null, null, "staff", Map.of("team", "core"),
                        Instant.parse("2026-03-01T08:00:00Z"))),
                now());
    }

    /** A committed event whose delivery after commit never happened: the process stopped in between. */
    private MemberChanged committedButNeverDelivered(String department) {
        MemberChanged event = change(department);
        inTx(() -> {
            tenant.enter(org.id());
            em.createNativeQuery("insert into member_events (id, org_id, member_key, type, payload, occurred_at,"
                            + " next_attempt_at) values (:id, :org, :member, 'member_changed', cast(:payload as jsonb),"
                            + " :at, :at)")
                    .setParameter("id", event.eventId())
                    .setParameter("org", org.id().value())
                    .setParameter("member", bo.value())
                    .setParameter("payload", DirectoryEventCodec.encode(event).payload())
                    .setParameter("at", event.occurredAt())
                    .executeUpdate();
        });
        return event;
    }

    private record Row(int attempts, String lastError, Instant handledAt, Instant parkedAt) {
    }

    private Row row(UUID eventId) {
        return tx(() -> {
            tenant.enter(org.id());
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select attempts, last_error, handled_at, parked_at"
                    + " from member_events where id = :id").setParameter("id", eventId).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = rows.getFirst();
            return new Row(((Number) r[0]).intValue(), (String) r[1], ColumnValues.instant(r[2]),
                    ColumnValues.instant(r[3]));
        });
    }

    private Row handledRow(UUID eventId) {
        assertThat(eventually(PATIENCE, () -> row(eventId) != null && row(eventId).handledAt() != null))
                .as("event %s handled", eventId).isTrue();
        return row(eventId);
    }

    @Test
    void an_event_reaches_the_consumers_after_its_transaction_commits_and_is_marked_handled() throws Exception {
        MemberChanged event = change("engineering");

        unitOfWork.run(() -> {
            directoryEvents.publish(event);
            sleep(300);
            assertThat(consumer.handled(event.eventId())).as("delivered before the commit").isEmpty();
        });

        assertThat(eventually(PATIENCE, () -> !consumer.handled(event.eventId()).isEmpty())).isTrue();
        MemberChanged received = consumer.handled(event.eventId()).getFirst();
        assertThat(received).isEqualTo(event);
        Row row = handledRow(event.eventId());
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).isNull();
    }

    @Test
    void a_rolled_back_change_leaves_no_event() throws Exception {
        MemberChanged event = change("engineering");

        assertThatThrownBy(() -> unitOfWork.run(() -> {
            directoryEvents.publish(event);
            throw new IllegalStateException("the change fails after publishing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(row(event.eventId())).isNull();
        sleep(300);
        assertThat(consumer.handled(event.eventId())).isEmpty();
    }

    @Test
    void a_consumer_that_fails_leaves_the_event_pending_and_the_redelivery_job_delivers_it_once() throws Exception {
        consumer.failNext(bo, 1);
        MemberChanged event = change("engineering");

        unitOfWork.run(() -> directoryEvents.publish(event));

        assertThat(eventually(PATIENCE, () -> row(event.eventId()).attempts() == 1)).isTrue();
        Row failed = row(event.eventId());
        assertThat(failed.handledAt()).isNull();
        assertThat(failed.lastError()).contains("simulated crash");
        assertThat(consumer.handled(event.eventId())).isEmpty();

        sleep(300); // the first retry is due 200 ms after the failure (test configuration)
        redelivery.redeliver();
        redelivery.redeliver();

        Row handled = handledRow(event.eventId());
        assertThat(handled.attempts()).isEqualTo(2);
        assertThat(handled.lastError()).isNull();
        assertThat(consumer.handled(event.eventId())).hasSize(1);
    }

    @Test
    void an_event_committed_just_before_a_crash_is_delivered_after_restart_by_one_of_two_instances()
            throws Exception {
        MemberChanged event = committedButNeverDelivered("engineering");
        assertThat(consumer.handled(event.eventId())).isEmpty();

        runTwice(() -> redelivery.redeliver());

        assertThat(handledRow(event.eventId()).attempts()).isEqualTo(1);
        assertThat(consumer.handled(event.eventId())).hasSize(1);
    }

    @Test
    void a_members_events_are_delivered_in_the_order_they_were_written() throws Exception {
        List<MemberChanged> written = List.of(committedButNeverDelivered("one"), committedButNeverDelivered("two"),
                committedButNeverDelivered("three"), committedButNeverDelivered("four"));

        runTwice(() -> {
            DirectoryEventOutbox.Report total = new DirectoryEventOutbox.Report(0, 0, 0, 0);
            for (int i = 0; i < 4; i++) {
                DirectoryEventOutbox.Report report = redelivery.redeliver();
                total = new DirectoryEventOutbox.Report(total.delivered() + report.delivered(), 0, 0, 0);
            }
            return total;
        });

        assertThat(consumer.changesOf(bo)).extracting(MemberChanged::eventId)
                .containsExactlyElementsOf(written.stream().map(MemberChanged::eventId).toList());
    }

    @Test
    void a_later_event_waits_while_an_earlier_one_of_the_same_member_is_pending() throws Exception {
        consumer.failNext(bo, 1);
        MemberChanged first = change("one");
        unitOfWork.run(() -> directoryEvents.publish(first));
        assertThat(eventually(PATIENCE, () -> row(first.eventId()).attempts() == 1)).isTrue();

        MemberChanged second = change("two");
        unitOfWork.run(() -> directoryEvents.publish(second));
        sleep(300);
        assertThat(consumer.handled(second.eventId())).as("delivered ahead of the pending first event").isEmpty();

        redelivery.redeliver();

        assertThat(consumer.changesOf(bo)).extracting(MemberChanged::eventId)
                .containsExactly(first.eventId(), second.eventId());
    }

    @Test
    void an_event_that_keeps_failing_is_parked_after_the_last_attempt_and_stops_holding_back_the_next()
            throws Exception {
        MemberChanged doomed = committedButNeverDelivered("doomed");
        inTx(() -> {
            tenant.enter(org.id());
            em.createNativeQuery("update member_events set attempts = 19 where id = :id")
                    .setParameter("id", doomed.eventId()).executeUpdate();
        });
        MemberChanged next = committedButNeverDelivered("next");
        consumer.failNext(bo, 1);

        DirectoryEventOutbox.Report report = redelivery.redeliver();

        assertThat(report.parked()).isGreaterThanOrEqualTo(1);
        Row parked = row(doomed.eventId());
        assertThat(parked.parkedAt()).isNotNull();
        assertThat(parked.handledAt()).isNull();
        assertThat(parked.attempts()).isEqualTo(20);
        assertThat(handledRow(next.eventId()).attempts()).isEqualTo(1);
        assertThat(consumer.changesOf(bo)).extracting(MemberChanged::eventId).containsExactly(next.eventId());
    }

    @Test
    void retries_wait_longer_after_every_failure_up_to_a_maximum() {
        assertThat(retries.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(retries.delayAfter(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(retries.delayAfter(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(retries.delayAfter(19)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void an_import_is_one_org_wide_event() throws Exception {
        MembersImported imported = new MembersImported(UUID.randomUUID(), org.id(), 1, 0, now());

        unitOfWork.run(() -> directoryEvents.publish(imported));

        assertThat(eventually(PATIENCE, () -> consumer.imports().contains(imported))).isTrue();
    }

    @Test
    void an_import_event_carries_counts_and_one_stored_with_member_ids_reads_as_their_counts() {
        MembersImported imported = new MembersImported(UUID.randomUUID(), org.id(), 1_600_000, 3, now());
        assertThat(DirectoryEventCodec.readMembersImported(DirectoryEventCodec.write(imported))).isEqualTo(imported);
        assertThat(DirectoryEventCodec.write(imported)).doesNotContain("UserIds");

        UUID eventId = UUID.randomUUID();
        MembersImported former = DirectoryEventCodec.readMembersImported("{\"eventId\":\"" + eventId
                + "\",\"orgId\":\"" + org.id() + "\",\"createdUserIds\":[\"cy\",\"dee\"],"
                + "\"updatedUserIds\":[\"bo\"],\"occurredAt\":\"2025-03-01T10:00:00Z\"}");
        assertThat(former).isEqualTo(new MembersImported(eventId, org.id(), 2, 1,
                Instant.parse("2025-03-01T10:00:00Z")));
    }

    private static <T> void runTwice(Callable<T> work) throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<T>> runs = instances.invokeAll(List.of(work, work));
            for (Future<T> run : runs) {
                run.get();
            }
        } finally {
            instances.shutdown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
