package circles.adapter.out.persistence;

import circles.application.port.out.RefreshClaims.Claim;
import circles.application.port.out.RefreshClaims.State;
import circles.application.port.out.RefreshClaims.Status;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.Visibility;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class RefreshClaimsTest extends DynamicGroupsTest {
    private static final Duration LEASE = Duration.ofMinutes(10);

    /** Claims due groups but keeps only those of {@code mine}: other tests' groups may be due too. */
    private List<GroupId> claimMine(Instant at, Set<GroupId> mine, int limit) {
        return tx(() -> claims.claimDue(at, LEASE, limit)).stream().map(Claim::groupId).filter(mine::contains).toList();
    }

    private Group scheduled(Organization org, Instant next) {
        Group group = newDynamicGroup(org.id());
        inTx(() -> claims.schedule(group.id(), org.id(), 60, next));
        return group;
    }

    @Test
    void due_groups_are_claimed_once_released_and_claimed_again_when_next_due() {
        // Far in the past, so that these groups come before other tests' due groups.
        Instant now = Instant.parse("2001-01-01T00:00:00Z");
        Organization org = newOrg();
        Group due = scheduled(org, now.minusSeconds(1));
        Group later = scheduled(org, now.plusSeconds(60));
        Group unscheduled = newDynamicGroup(org.id());
        Group staticGroup = newGroup(org.id(), unique("Static"), null, Visibility.PRIVATE);
        Set<GroupId> mine = Set.of(due.id(), later.id(), unscheduled.id(), staticGroup.id());

        assertThat(claimMine(now, mine, 10)).containsExactly(due.id());
        State claimed = tx(() -> claims.state(due.id(), org.id())).orElseThrow();
        assertThat(claimed.status()).isEqualTo(Status.EVALUATING);
        assertThat(claimed.evaluationStartedAt()).isEqualTo(now);
        assertThat(claimMine(now.plusSeconds(1), mine, 10)).isEmpty();

        Instant next = now.plus(60, ChronoUnit.MINUTES);
        inTx(() -> claims.release(due.id(), org.id(), null, next));
        State released = tx(() -> claims.state(due.id(), org.id())).orElseThrow();
        assertThat(released.status()).isEqualTo(Status.IDLE);
        assertThat(released.nextRefreshAt()).isEqualTo(next);
        assertThat(released.refreshIntervalMinutes()).isEqualTo(60);
        assertThat(claimMine(now.plusSeconds(61), mine, 10)).containsExactly(later.id());
        inTx(() -> claims.release(later.id(), org.id(), null, next.plus(1, ChronoUnit.DAYS)));
        assertThat(claimMine(next, mine, 10)).containsExactly(due.id());

        inTx(() -> claims.release(due.id(), org.id(), "the rule refers to a deleted group", next.plusSeconds(60)));
        State failed = tx(() -> claims.state(due.id(), org.id())).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.lastError()).isEqualTo("the rule refers to a deleted group");
        assertThat(tx(() -> claims.state(staticGroup.id(), org.id()))).isEmpty();
    }

    @Test
    void a_claim_older_than_its_lease_is_taken_over_and_a_single_group_is_claimed_once() {
        Instant now = Instant.parse("2001-01-02T00:00:00Z");
        Organization org = newOrg();
        Group group = scheduled(org, now.plusSeconds(3600));

        assertThat(tx(() -> claims.claim(group.id(), org.id(), now, LEASE))).isPresent();
        assertThat(tx(() -> claims.claim(group.id(), org.id(), now.plusSeconds(1), LEASE))).isEmpty();
        assertThat(tx(() -> claims.claim(group.id(), newOrg().id(), now, LEASE))).isEmpty();
        assertThat(tx(() -> claims.claim(group.id(), org.id(), now.plus(LEASE), LEASE))).isPresent();
    }

    @Test
    void two_instances_claiming_at_once_never_claim_the_same_group() throws Exception {
        Instant now = Instant.parse("2000-06-01T00:00:00Z");
        Organization org = newOrg();
        Set<GroupId> mine = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            mine.add(scheduled(org, now.minusSeconds(i)).id());
        }
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<List<GroupId>> claimer = () -> {
            List<GroupId> claimed = new ArrayList<>();
            start.await();
            for (int round = 0; round < 10; round++) {
                claimed.addAll(claimMine(now, mine, 3));
            }
            return claimed;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<GroupId>> first = pool.submit(claimer);
            Future<List<GroupId>> second = pool.submit(claimer);
            List<GroupId> one = first.get();
            List<GroupId> two = second.get();
            List<GroupId> all = new ArrayList<>(one);
            all.addAll(two);
            assertThat(all).doesNotHaveDuplicates();
            assertThat(new HashSet<>(all)).isEqualTo(mine);
            assertThat(one).isNotEmpty();
            assertThat(two).isNotEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
