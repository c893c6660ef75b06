package circles.adapter.out.persistence.override;

import circles.adapter.out.persistence.dynamic.DynamicGroupsTest;
import circles.application.port.out.override.OverrideRepository;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void entries_are_added_listed_found_and_removed_within_their_group() {
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        List<UserId> people = newMembers(org.id(), 2);
        Instant created = now().minus(1, ChronoUnit.MINUTES);
        OverrideEntry include = entry(org, group, people.get(0), OverrideKind.INCLUDE, null, created);
        OverrideEntry exclude = new OverrideEntry(UUID.randomUUID(), group.id(), org.id(), people.get(1),
                OverrideKind.EXCLUDE,
                null, now().plus(1, ChronoUnit.DAYS), null, now());
        inTx(() -> overrides.add(include));
        inTx(() -> overrides.add(exclude));

        assertThat(tx(() -> overrides.list(group.id(), org.id()))).containsExactly(include, exclude);
        assertThat(tx(() -> overrides.find(group.id(), org.id(), exclude.id()))).contains(exclude);
        assertThat(tx(() -> overrides.list(newDynamicGroup(org.id()).id(), org.id()))).isEmpty();
        Organization other = newOrg();
        assertThat(tx(() -> overrides.find(group.id(), other.id(), exclude.id()))).isEmpty();
        assertThat(tx(() -> overrides.remove(group.id(), other.id(), exclude.id()))).isFalse();

        assertThat(tx(() -> overrides.remove(group.id(), org.id(), exclude.id()))).isTrue();
        assertThat(tx(() -> overrides.remove(group.id(), org.id(), exclude.id()))).isFalse();
        assertThat(tx(() -> overrides.list(group.id(), org.id()))).containsExactly(include);
    }

    @Test
    void a_user_is_on_each_list_of_a_group_once() {
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        UserId userId = newMembers(org.id(), 1).getFirst();
        inTx(() -> overrides.add(entry(org, group, userId, OverrideKind.INCLUDE, null, now())));
        assertThatThrownBy(() -> inTx(() -> overrides.add(entry(org, group, userId, OverrideKind.INCLUDE, null,
                now()))))
                .isInstanceOf(Conflict.class);
        inTx(() -> overrides.add(entry(org, group, userId, OverrideKind.EXCLUDE, null, now())));
        assertThat(tx(() -> overrides.list(group.id(), org.id()))).extracting(OverrideEntry::kind)
                .containsExactlyInAnyOrder(OverrideKind.INCLUDE, OverrideKind.EXCLUDE);
    }

    @Test
    void expired_entries_of_every_org_are_found_and_others_are_not() {
        Instant now = now();
        Organization orgA = newOrg();
        Organization orgB = newOrg();
        Group groupA = newDynamicGroup(orgA.id());
        Group groupB = newDynamicGroup(orgB.id());
        UserId a = newMembers(orgA.id(), 1).getFirst();
        UserId b = newMembers(orgB.id(), 1).getFirst();
        OverrideEntry expiredA = entry(orgA, groupA, a, OverrideKind.INCLUDE, now.minusSeconds(1),
                now.minusSeconds(60));
        OverrideEntry expiredB = entry(orgB, groupB, b, OverrideKind.EXCLUDE, now, now.minusSeconds(60));
        OverrideEntry current = entry(orgA, groupA, a, OverrideKind.EXCLUDE, now.plusSeconds(60), now.minusSeconds(60));
        OverrideEntry forever = entry(orgB, groupB, b, OverrideKind.INCLUDE, null, now.minusSeconds(60));
        inTx(() -> List.of(expiredA, expiredB, current, forever).forEach(overrides::add));

        List<OverrideEntry> expired = tx(() -> overrides.claimExpired(now, 500));
        assertThat(expired).contains(expiredA, expiredB).doesNotContain(current, forever);
        assertThat(expiredA.activeAt(now)).isFalse();
        assertThat(current.activeAt(now)).isTrue();
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
