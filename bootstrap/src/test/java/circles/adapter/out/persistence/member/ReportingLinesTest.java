package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.member.ReportingLines;
import circles.domain.actor.UserId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.org.ProfilePatch;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class ReportingLinesTest extends PersistenceTest {
    @Inject
    ReportingLines reportingLines;

    private void manage(Organization org, UserId report, UserId manager) {
        inTx(() -> {
            OrgMember member = orgMembers.find(org.id(), report).orElseThrow();
            member.changeProfile(ProfilePatch.managerId(Optional.of(manager)).applyTo(member.profile()), now());
            orgMembers.save(member);
        });
    }

    @Test
    void the_chain_runs_from_a_member_up_to_the_top_and_stops_at_the_limit() {
        Organization org = newOrg();
        UserId ceo = user("ceo");
        UserId vp = user("vp");
        UserId lead = user("lead");
        UserId dev = user("dev");
        for (UserId id : new UserId[] {ceo, vp, lead, dev}) {
            newOrgMember(org.id(), id, OrgRole.MEMBER);
        }
        manage(org, vp, ceo);
        manage(org, lead, vp);
        manage(org, dev, lead);

        assertThat(tx(() -> reportingLines.chainFrom(org.id(), dev, 100))).containsExactly(dev, lead, vp, ceo);
        assertThat(tx(() -> reportingLines.chainFrom(org.id(), dev, 2))).containsExactly(dev, lead);
        assertThat(tx(() -> reportingLines.chainFrom(org.id(), user("nobody"), 100))).isEmpty();
        assertThat(tx(() -> reportingLines.directReports(org.id(), vp))).containsExactly(lead);
        Organization other = newOrg();
        assertThat(tx(() -> reportingLines.chainFrom(other.id(), dev, 100))).isEmpty();
    }

    @Test
    void the_lock_of_an_org_waits_for_the_transaction_that_holds_it() throws Exception {
        Organization org = newOrg();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> inTx(() -> {
            reportingLines.lock(org.id());
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> inTx(() -> reportingLines.lock(org.id())));
        Thread.sleep(300);
        assertThat(waiter).as("a second lock of the same org while the first is held").isNotDone();
        inTx(() -> reportingLines.lock(newOrg().id()));

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        waiter.get(10, TimeUnit.SECONDS);
    }
}
