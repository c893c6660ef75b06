package circles.adapter.out.persistence.dynamic;

import circles.application.port.out.dynamic.DynamicMembersStore.Diff;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.org.Organization;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark-style: writes the snapshot of a dynamic group of a million members, then a diff of 1% (half added, half
 * removed), and prints how long each took. It asserts only what was written, never a time: timings belong to the
 * benchmark report. Not part of the test suite (tagged {@code benchmark}, like the benchmarks run by
 * {@code ./benchmark/dynamic.sh}): it runs at 100,000 members, CIRCLES_BENCHMARK_DYNAMIC_MEMBERS=1000000 runs the
 * million. The suite checks the plans of the same writes at 20,000 members instead
 * ({@link DynamicMembersDiffPlanTest}).
 */
@QuarkusTest
@Tag("benchmark")
class DynamicMembersScaleTest extends DynamicGroupsTest {
    private static final int TIMEOUT_SECONDS = 1800;

    @Inject
    EntityManager em;

    private static int size() {
        String configured = System.getenv("CIRCLES_BENCHMARK_DYNAMIC_MEMBERS");
        return configured == null || configured.isBlank() ? 100_000 : Integer.parseInt(configured.strip());
    }

    private static <T> T longTx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).call(work::get);
    }

    @Test
    void a_large_snapshot_is_written_and_then_changed_by_one_percent() {
        int size = size();
        int churn = Math.max(1, size / 200);
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        String prefix = unique("scale") + "-";

        long seeding = System.nanoTime();
        longTx(() -> {
            tenant.enter(org.id());
            em.createNativeQuery("insert into users (id) select :prefix || lpad(i::text, 8, '0')"
                    + " from generate_series(1, :n) i").setParameter("prefix", prefix).setParameter("n", size + churn)
                    .executeUpdate();
            em.createNativeQuery("insert into org_members (org_id, user_id, role, status, joined_at, updated_at)"
                    + " select :org, :prefix || lpad(i::text, 8, '0'), 'member', 'active', now(), now()"
                    + " from generate_series(1, :n) i").setParameter("org", org.id().value())
                    .setParameter("prefix", prefix).setParameter("n", size + churn).executeUpdate();
            em.createNativeQuery("analyze org_members").executeUpdate();
            return null;
        });
        seeding = System.nanoTime() - seeding;

        List<UserId> everyone = new ArrayList<>(size + churn);
        for (int i = 1; i <= size + churn; i++) {
            everyone.add(new UserId(prefix + String.format("%08d", i)));
        }
        Set<UserId> first = new HashSet<>(everyone.subList(0, size));
        Set<UserId> second = new HashSet<>(everyone.subList(churn, size + churn));

        long firstWrite = System.nanoTime();
        Diff initial = longTx(() -> dynamicMembers.applyDiff(group.id(), org.id(), first, Cause.RULE_CHANGE, now()));
        firstWrite = System.nanoTime() - firstWrite;

        long diffWrite = System.nanoTime();
        Diff diff = longTx(() -> dynamicMembers.applyDiff(group.id(), org.id(), second, Cause.SCHEDULE, now()));
        diffWrite = System.nanoTime() - diffWrite;

        long unchangedWrite = System.nanoTime();
        Diff same = longTx(() -> dynamicMembers.applyDiff(group.id(), org.id(), second, Cause.SCHEDULE, now()));
        unchangedWrite = System.nanoTime() - unchangedWrite;

        long lookup = System.nanoTime();
        int groupsOfOne = tx(() -> dynamicMembers.groupsOfUser(org.id(), everyone.get(size / 2))).size();
        lookup = System.nanoTime() - lookup;

        System.out.printf("%nDynamic group snapshot at %,d members (seeding %,d org members: %d ms):%n"
                        + "  first write (%,d added):              %6d ms%n"
                        + "  diff of 1%% (%,d added, %,d removed): %6d ms%n"
                        + "  same target again (no change):        %6d ms%n"
                        + "  groups of one user:                   %6.2f ms%n%n",
                size, size + churn, seeding / 1_000_000, initial.added().size(), firstWrite / 1_000_000,
                diff.added().size(), diff.removed().size(), diffWrite / 1_000_000, unchangedWrite / 1_000_000,
                lookup / 1e6);

        assertThat(initial.added()).hasSize(size);
        assertThat(initial.removed()).isEmpty();
        assertThat(diff.added()).containsExactlyInAnyOrderElementsOf(everyone.subList(size, size + churn));
        assertThat(diff.removed()).containsExactlyInAnyOrderElementsOf(everyone.subList(0, churn));
        assertThat(diff.unchanged()).isEqualTo(size - churn);
        assertThat(same.isEmpty()).isTrue();
        assertThat(groupsOfOne).isEqualTo(1);
        assertThat(tx(() -> claims.state(group.id(), org.id())).orElseThrow().memberCount()).isEqualTo(size);
        long events = longTx(() -> {
            tenant.enter(org.id());
            return ((Number) em.createNativeQuery("select count(*) from group_membership_events where group_id = :g")
                    .setParameter("g", group.id().value()).getSingleResult()).longValue();
        });
        assertThat(events).isEqualTo(size + 2L * churn);

        // The shared test database keeps no million rows for the tests that follow.
        longTx(() -> {
            tenant.enter(org.id());
            em.createNativeQuery("delete from groups where id = :g").setParameter("g", group.id().value())
                    .executeUpdate();
            em.createNativeQuery("delete from org_members where org_id = :org").setParameter("org", org.id().value())
                    .executeUpdate();
            em.createNativeQuery("delete from users where id like :prefix").setParameter("prefix", prefix + "%")
                    .executeUpdate();
            return null;
        });
    }
}
