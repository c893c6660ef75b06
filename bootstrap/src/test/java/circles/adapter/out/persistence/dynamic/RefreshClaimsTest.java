package circles.adapter.out.persistence.dynamic;

import circles.application.port.out.dynamic.RefreshClaims.Claim;
import circles.bootstrap.support.PostgresTestResource;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
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

/**
 * What only PostgreSQL can show of refresh claims: claims that never wait for an evaluation, and instances claiming
 * at once. Everything else the port promises is stated by its contract, {@code RefreshClaimsAdapterContractTest}.
 */
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
