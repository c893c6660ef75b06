package circles.application.port.out.event;

import circles.application.port.out.event.DirectoryEventOutbox.Failure;
import circles.application.port.out.event.DirectoryEventOutbox.PendingEvent;
import circles.application.port.out.event.DirectoryEventOutbox.Queue;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static circles.application.port.out.shared.PortFixture.someUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link DirectoryEvents} and its outbox {@link DirectoryEventOutbox} rely on, whichever storage serves
 * them: a published event waits in its queue (one member's events, or an org's org-wide ones) and each queue offers its
 * oldest pending event alone, due from when it occurred; a failed head holds its queue back until its retry is due,
 * a handled or parked one no longer does; the next due event of all queues is the first published; handled events are
 * purged. Each case runs in one transaction that is rolled back, so that the application's relay never delivers its
 * events, and its events occurred long ago, before any event another test publishes falls due.
 */
public abstract class DirectoryEventsContract {
    private static final Instant LONG_AGO = Instant.parse("1994-09-01T00:00:00Z");

    protected abstract PortFixture fixture();

    protected abstract DirectoryEvents events();

    protected abstract DirectoryEventOutbox outbox();

    @Test
    void each_queue_offers_its_oldest_pending_event_and_the_next_once_it_is_handled() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId bo = someUser("bo");
        UserId cy = someUser("cy");
        Instant at = LONG_AGO;
        MemberChanged first = changed(org.id(), bo, at);
        MemberChanged second = changed(org.id(), bo, at.plusSeconds(1));
        MembersImported imported = new MembersImported(UUID.randomUUID(), org.id(), 3, 1, at.plusSeconds(2));
        MemberChanged ofCy = changed(org.id(), cy, at.plusSeconds(3));
        Queue ofBo = new Queue(org.id(), Optional.of(bo));
        Instant now = at.plusSeconds(10);

        world.inRolledBackTransaction(() -> {
            publish(first, second, imported, ofCy);

            PendingEvent head = outbox().claimHead(ofBo, now).orElseThrow();
            assertThat(head.id()).isEqualTo(first.eventId());
            assertThat(head.queue()).isEqualTo(ofBo);
            assertThat(head.attempts()).isZero();
            assertThat(head.event().eventId()).isEqualTo(first.eventId());
            assertThat(head.event()).isInstanceOfSatisfying(MemberChanged.class,
                    event -> assertThat(event.userId()).isEqualTo(bo));
            outbox().markHandled(head, now);
            assertThat(outbox().claimHead(ofBo, now)).map(PendingEvent::id).contains(second.eventId());

            PendingEvent orgWide = outbox().claimHead(new Queue(org.id(), Optional.empty()), now).orElseThrow();
            assertThat(orgWide.event()).isEqualTo(imported);
            assertThat(outbox().claimHead(new Queue(org.id(), Optional.of(cy)), now)).map(PendingEvent::id)
                    .contains(ofCy.eventId());
            assertThat(outbox().claimHead(new Queue(other.id(), Optional.of(bo)), now)).isEmpty();
            assertThat(outbox().claimHead(new Queue(org.id(), Optional.of(cy)), at.plusSeconds(2)))
                    .as("not due before it occurred").isEmpty();
            return null;
        });
    }

    @Test
    void a_failed_head_holds_back_its_queue_until_its_retry_and_a_parked_one_no_longer_does() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId bo = someUser("bo");
        Instant at = LONG_AGO.plusSeconds(3600);
        MemberChanged first = changed(org.id(), bo, at);
        MemberChanged second = changed(org.id(), bo, at.plusSeconds(1));
        Queue ofBo = new Queue(org.id(), Optional.of(bo));

        world.inRolledBackTransaction(() -> {
            publish(first, second);
            PendingEvent head = outbox().claimHead(ofBo, at.plusSeconds(5)).orElseThrow();
            outbox().recordFailure(head, new Failure(1, "handler down", at.plusSeconds(5), at.plusSeconds(60),
                    false));

            assertThat(outbox().claimHead(ofBo, at.plusSeconds(30))).isEmpty();
            assertThat(outbox().claimNextDue(at.plusSeconds(30))).as("the second waits behind the first").isEmpty();
            PendingEvent retried = outbox().claimHead(ofBo, at.plusSeconds(60)).orElseThrow();
            assertThat(retried.id()).isEqualTo(first.eventId());
            assertThat(retried.attempts()).isEqualTo(1);

            outbox().recordFailure(retried, new Failure(2, "handler down", at.plusSeconds(60), at.plusSeconds(120),
                    true));
            assertThat(outbox().claimHead(ofBo, at.plusSeconds(60))).map(PendingEvent::id)
                    .contains(second.eventId());
            assertThat(outbox().claimNextDue(at.plusSeconds(60))).map(PendingEvent::id).contains(second.eventId());
            return null;
        });
    }

    @Test
    void the_next_due_event_is_the_first_published_head_of_any_queue_of_any_org() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId bo = someUser("bo");
        Instant at = LONG_AGO.plusSeconds(7200);
        MembersImported elsewhere = new MembersImported(UUID.randomUUID(), other.id(), 1, 0, at.plusSeconds(5));
        MemberChanged first = changed(org.id(), bo, at);
        MemberChanged second = changed(org.id(), bo, at.plusSeconds(1));

        world.inRolledBackTransaction(() -> {
            publish(elsewhere, first, second);

            assertThat(outbox().claimNextDue(at.minusSeconds(1))).isEmpty();
            assertThat(outbox().claimNextDue(at.plusSeconds(2))).as("the first published is not due yet")
                    .map(PendingEvent::id).contains(first.eventId());
            PendingEvent next = outbox().claimNextDue(at.plusSeconds(10)).orElseThrow();
            assertThat(next.id()).isEqualTo(elsewhere.eventId());
            assertThat(next.queue()).isEqualTo(new Queue(other.id(), Optional.empty()));
            outbox().markHandled(next, at.plusSeconds(10));
            PendingEvent then = outbox().claimNextDue(at.plusSeconds(10)).orElseThrow();
            assertThat(then.id()).isEqualTo(first.eventId());
            outbox().markHandled(then, at.plusSeconds(10));
            assertThat(outbox().claimNextDue(at.plusSeconds(10))).map(PendingEvent::id).contains(second.eventId());
            return null;
        });
    }

    @Test
    void handled_events_are_purged_before_the_cutoff_up_to_the_limit_and_pending_ones_never() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Instant at = LONG_AGO.plusSeconds(10_800);
        Queue orgWide = new Queue(org.id(), Optional.empty());

        world.inRolledBackTransaction(() -> {
            for (int i = 0; i < 3; i++) {
                publish(new MembersImported(UUID.randomUUID(), org.id(), i, 0, at));
                outbox().markHandled(outbox().claimHead(orgWide, at).orElseThrow(), at.plusSeconds(i + 1));
            }
            MembersImported pending = new MembersImported(UUID.randomUUID(), org.id(), 9, 0, at);
            publish(pending);

            assertThat(outbox().purgeHandledBefore(at.plusSeconds(1), 10)).isZero();
            assertThat(outbox().purgeHandledBefore(at.plusSeconds(4), 2)).isEqualTo(2);
            assertThat(outbox().purgeHandledBefore(at.plusSeconds(4), 2)).isEqualTo(1);
            assertThat(outbox().purgeHandledBefore(at.plusSeconds(100), 10)).isZero();
            assertThat(outbox().claimHead(orgWide, at)).map(PendingEvent::id).contains(pending.eventId());
            return null;
        });
    }

    private void publish(DirectoryEvent... published) {
        for (DirectoryEvent event : published) {
            events().publish(event);
        }
    }

    private static MemberChanged changed(OrgId orgId, UserId userId, Instant at) {
        return MemberChanged.between(orgId, userId, null,
                new MemberChanged.Snapshot(OrgRole.MEMBER, MemberStatus.ACTIVE, MemberProfile.named(null, "Bo")), at);
    }
}
