package circles.adapter.out.persistence.override;

import circles.adapter.out.persistence.dynamic.DynamicGroupsTest;
import circles.application.port.out.override.OverrideRepository;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only PostgreSQL can show of {@link OverrideRepository}: concurrent claims of expired entries. Everything else
 * it promises is stated by its contract, {@code OverrideRepositoryAdapterContractTest}.
 */
@QuarkusTest
class OverrideRepositoryTest extends DynamicGroupsTest {
    @Inject
    OverrideRepository overrides;

    private static OverrideEntry entry(Organization org, Group group, UserId userId, OverrideKind kind,
            Instant expiresAt,
                                       Instant createdAt) {
        return new OverrideEntry(UUID.randomUUID(), group.id(), org.id(), userId, kind, "because", expiresAt,
                new UserId("admin"), createdAt);
    }

    @Test
    void each_expired_entry_is_claimed_by_one_of_two_concurrent_transactions() throws Exception {
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        List<UserId> people = newMembers(org.id(), 6);
        // Expired long ago, so that no other test's entries fall in the window.
        Instant created = Instant.parse("2001-03-01T00:00:00Z");
        Set<UUID> expired = new HashSet<>();
        for (int i = 0; i < people.size(); i++) {
            OverrideEntry entry = entry(org, group, people.get(i), OverrideKind.INCLUDE,
                    created.plus(Duration.ofMinutes(10 + i)), created);
            inTx(() -> overrides.add(entry));
            expired.add(entry.id());
        }
        inTx(() -> overrides.add(entry(org, group, people.getFirst(), OverrideKind.EXCLUDE,
                created.plus(Duration.ofDays(1)),
                created)));
        Instant now = created.plus(Duration.ofHours(1));

        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<UUID>> first = threads.submit(() -> tx(() -> {
                List<UUID> claimed = ids(overrides.claimExpired(now, 4));
                firstClaimed.countDown();
                await(secondDone);
                return claimed;
            }));
            Future<List<UUID>> second = threads.submit(() -> {
                try {
                    await(firstClaimed);
                    return tx(() -> ids(overrides.claimExpired(now, 100)));
                } finally {
                    secondDone.countDown();
                }
            });
            List<UUID> byFirst = first.get(30, TimeUnit.SECONDS);
            List<UUID> bySecond = second.get(30, TimeUnit.SECONDS);

            assertThat(byFirst).hasSize(4);
            assertThat(bySecond).hasSize(2).doesNotContainAnyElementsOf(byFirst);
            List<UUID> all = new ArrayList<>(byFirst);
            all.addAll(bySecond);
            assertThat(all).containsExactlyInAnyOrderElementsOf(expired);
        } finally {
            threads.shutdownNow();
            // The claims are over; nobody removed the entries here, so clear them for the other tests.
            inTx(() -> expired.forEach(id -> overrides.remove(group.id(), org.id(), id)));
        }
    }

    private static List<UUID> ids(List<OverrideEntry> entries) {
        return entries.stream().map(OverrideEntry::id).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction did not get there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
