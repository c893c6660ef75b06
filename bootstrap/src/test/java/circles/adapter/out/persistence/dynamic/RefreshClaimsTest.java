package circles.adapter.out.persistence.dynamic;

import circles.application.port.out.dynamic.RefreshClaims.Claim;
import circles.application.port.out.dynamic.RefreshClaims.State;
import circles.application.port.out.dynamic.RefreshClaims.Status;
import circles.bootstrap.support.PostgresTestResource;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.Visibility;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class RefreshClaimsTest extends DynamicGroupsTest {
    private static final Duration LEASE = Duration.ofMinutes(10);

    /** Claims due groups but keeps only those of {@code mine}: other tests' groups may be due too. */
    private List<GroupId> claimMine(Instant at, Set<GroupId> mine, int limit) {
        return claimsOfMine(at, mine, limit).stream().map(Claim::groupId).toList();
    }

    private List<Claim> claimsOfMine(Instant at, Set<GroupId> mine, int limit) {
        return tx(() -> claims.claimDue(at, LEASE, limit)).stream().filter(claim -> mine.contains(claim.groupId()))
                .toList();
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

        List<Claim> first = claimsOfMine(now, mine, 10);
        assertThat(first).extracting(Claim::groupId).containsExactly(due.id());
        State claimed = tx(() -> claims.state(due.id(), org.id())).orElseThrow();
        assertThat(claimed.status()).isEqualTo(Status.EVALUATING);
        assertThat(claimed.evaluationStartedAt()).isEqualTo(now);
        assertThat(claimMine(now.plusSeconds(1), mine, 10)).isEmpty();

        Instant next = now.plus(60, ChronoUnit.MINUTES);
        assertThat(tx(() -> claims.release(first.getFirst(), null, next))).isTrue();
        State released = tx(() -> claims.state(due.id(), org.id())).orElseThrow();
        assertThat(released.status()).isEqualTo(Status.IDLE);
        assertThat(released.nextRefreshAt()).isEqualTo(next);
        assertThat(released.refreshIntervalMinutes()).isEqualTo(60);
        List<Claim> second = claimsOfMine(now.plusSeconds(61), mine, 10);
        assertThat(second).extracting(Claim::groupId).containsExactly(later.id());
        inTx(() -> claims.release(second.getFirst(), null, next.plus(1, ChronoUnit.DAYS)));
        List<Claim> third = claimsOfMine(next, mine, 10);
        assertThat(third).extracting(Claim::groupId).containsExactly(due.id());

        inTx(() -> claims.release(third.getFirst(), "the rule refers to a deleted group", next.plusSeconds(60)));
        State failed = tx(() -> claims.state(due.id(), org.id())).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.lastError()).isEqualTo("the rule refers to a deleted group");
        assertThat(tx(() -> claims.state(staticGroup.id(), org.id()))).isEmpty();
    }

    @Test
    void a_claim_holds_until_its_lease_ends_and_only_its_holder_renews_or_releases_it() {
        Instant now = Instant.parse("2001-01-02T00:00:00Z");
        Duration lease = Duration.ofSeconds(30);
        Organization org = newOrg();
        Group group = scheduled(org, now.plusSeconds(3600));

        Claim first = tx(() -> claims.claim(group.id(), org.id(), now, lease)).orElseThrow();
        assertThat(tx(() -> claims.claim(group.id(), org.id(), now.plusSeconds(1), lease))).isEmpty();
        assertThat(tx(() -> claims.claim(group.id(), newOrg().id(), now, lease))).isEmpty();
        // Renewed 20 s in, the claim holds past its first lease end, until 50 s.
        assertThat(tx(() -> claims.renew(List.of(first), now.plusSeconds(20), lease))).containsExactly(first);
        assertThat(tx(() -> claims.claim(group.id(), org.id(), now.plusSeconds(49), lease))).isEmpty();

        Claim second = tx(() -> claims.claim(group.id(), org.id(), now.plusSeconds(50), lease)).orElseThrow();
        assertThat(second.holder()).isNotEqualTo(first.holder());
        assertThat(tx(() -> claims.renew(List.of(first, second), now.plusSeconds(55), lease)))
                .containsExactly(second);
        assertThat(tx(() -> claims.release(first, "the former holder gave up", now.plusSeconds(3600)))).isFalse();
        State held = tx(() -> claims.state(group.id(), org.id())).orElseThrow();
        assertThat(held.status()).isEqualTo(Status.EVALUATING);
        assertThat(held.evaluationStartedAt()).isEqualTo(now.plusSeconds(50));
        assertThat(held.lastError()).isNull();

        assertThat(tx(() -> claims.release(second, null, null))).isTrue();
        assertThat(tx(() -> claims.state(group.id(), org.id())).orElseThrow().status()).isEqualTo(Status.IDLE);
        assertThat(tx(() -> claims.release(second, null, null))).as("released once").isFalse();
        assertThat(tx(() -> claims.renew(List.of(second), now.plusSeconds(60), lease))).isEmpty();
    }

    @Test
    void the_schedule_takes_over_a_due_group_whose_claim_ran_out() {
        Instant now = Instant.parse("2001-01-03T00:00:00Z");
        Duration lease = Duration.ofSeconds(30);
        Organization org = newOrg();
        Group group = scheduled(org, now.plusSeconds(3600));
        Set<GroupId> mine = Set.of(group.id());
        Claim dead = tx(() -> claims.claim(group.id(), org.id(), now, lease)).orElseThrow();

        assertThat(tx(() -> claims.claimDue(now.plusSeconds(29), lease, 1000)).stream()
                .filter(claim -> mine.contains(claim.groupId()))).isEmpty();
        List<Claim> taken = tx(() -> claims.claimDue(now.plusSeconds(30), lease, 1000)).stream()
                .filter(claim -> mine.contains(claim.groupId())).toList();

        assertThat(taken).singleElement().satisfies(claim -> assertThat(claim.holder()).isNotEqualTo(dead.holder()));
        assertThat(tx(() -> claims.state(group.id(), org.id())).orElseThrow().evaluationStartedAt())
                .isEqualTo(now.plusSeconds(30));
        assertThat(tx(() -> claims.release(dead, null, null))).isFalse();
        assertThat(tx(() -> claims.release(taken.getFirst(), null, null))).isTrue();
    }

    @Test
    void renewing_a_claim_and_refusing_a_second_one_never_wait_for_an_evaluation_writing_the_group()
            throws Exception {
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        Instant now = now();
        Claim claim = tx(() -> claims.claim(group.id(), org.id(), now, LEASE)).orElseThrow();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection evaluation = PostgresTestResource.superuserConnection()) {
            evaluation.setAutoCommit(false);
            // What an evaluation holds while it writes the group's members (DynamicMembersStoreAdapter).
            try (PreparedStatement lock = evaluation.prepareStatement(
                    "select 1 from groups where id = ? for no key update")) {
                lock.setObject(1, group.id().value());
                lock.executeQuery().close();
            }
            Future<List<Claim>> renewed = pool.submit(() -> tx(() ->
                    claims.renew(List.of(claim), now.plusSeconds(10), LEASE)));
            assertThat(renewed.get(10, TimeUnit.SECONDS)).containsExactly(claim);
            Future<Optional<Claim>> second = pool.submit(() -> tx(() ->
                    claims.claim(group.id(), org.id(), now.plusSeconds(11), LEASE)));
            assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
            evaluation.rollback();
        } finally {
            pool.shutdownNow();
        }
        inTx(() -> claims.release(claim, null, null));
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
