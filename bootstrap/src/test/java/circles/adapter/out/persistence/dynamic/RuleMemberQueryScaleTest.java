package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.domain.actor.UserId;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.org.Organization;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleParser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark-style: the four-criterion rule of the performance goals (attribute equals, department is_under,
 * job title starts_with, reports_to nested) over a synthetic org, evaluated by the set-based path and by the same
 * query written by hand; prints the times and asserts only that both select the same members. Not part of the test
 * suite (tagged {@code benchmark}, like the benchmarks run by {@code ./benchmark/dynamic.sh}): it runs at 100,000
 * members, CIRCLES_BENCHMARK_RULE_MEMBERS sets another size. The suite checks the same parity on small orgs
 * ({@link RuleMemberQueryParityTest}).
 */
@QuarkusTest
@Tag("benchmark")
class RuleMemberQueryScaleTest extends PersistenceTest {
    private static final int TIMEOUT_SECONDS = 1800;
    private static final int DEPARTMENTS = 200;

    @Inject
    RuleMemberQuery query;
    @Inject
    EntityManager em;

    private static int size() {
        String configured = System.getenv("CIRCLES_BENCHMARK_RULE_MEMBERS");
        return configured == null || configured.isBlank() ? 100_000 : Integer.parseInt(configured.strip());
    }

    private static <T> T longTx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).call(work::get);
    }

    @Test
    void the_four_criterion_rule_over_a_large_org() {
        int size = size();
        Organization org = newOrg();
        String prefix = unique("rq") + "-";
        long seeding = System.nanoTime();
        longTx(() -> {
            tenant.enter(org.id());
            // Department d<k> has parent d<(k-1)/5>: 200 nodes, depth 4.
            for (int k = 0; k < DEPARTMENTS; k++) {
                StringBuilder path = new StringBuilder();
                for (int n = k; ; n = (n - 1) / 5) {
                    path.insert(0, "/d" + n);
                    if (n == 0) {
                        break;
                    }
                }
                em.createNativeQuery("insert into master_data (org_id, kind, key, name, parent_key, path,"
                                + " created_at, updated_at) values (:org, 'department', :key, :key,"
                                + " cast(:parent as text), :path, now(), now())")
                        .setParameter("org", org.id().value()).setParameter("key", "d" + k)
                        .setParameter("parent", k == 0 ? null : "d" + ((k - 1) / 5))
                        .setParameter("path", path.toString()).executeUpdate();
            }
            em.createNativeQuery("insert into users (id) select :prefix || lpad(i::text, 8, '0')"
                    + " from generate_series(1, :n) i").setParameter("prefix", prefix).setParameter("n", size)
                    .executeUpdate();
            // Member i reports to member i/8 (members 2-7 to member 1; chains up to depth 6 at 100,000),
            // 50 locations, 1,000 job titles.
            em.createNativeQuery("insert into org_members (org_id, user_id, role, status, email, department,"
                            + " location, job_title, manager_id, employee_type, custom_attributes, joined_at,"
                            + " updated_at)"
                            + " select :org, :prefix || lpad(i::text, 8, '0'), 'member',"
                            + " case when i % 50 = 0 then 'suspended' else 'active' end,"
                            + " 'user' || i || '@example.org', 'd' || (i % 200), 'l' || (i % 50),"
                            + " 'Title ' || (i % 1000),"
                            + " case when i = 1 then null else :prefix || lpad(greatest(i / 8, 1)::text, 8, '0') end,"
                            + " case when i % 3 = 0 then 'contractor' else 'employee' end,"
                            + " jsonb_build_object('team', 't' || (i % 20)), now(), now()"
                            + " from generate_series(1, :n) i")
                    .setParameter("org", org.id().value()).setParameter("prefix", prefix).setParameter("n", size)
                    .executeUpdate();
            em.createNativeQuery("analyze org_members").executeUpdate();
            return null;
        });
        seeding = System.nanoTime() - seeding;

        String manager = prefix + String.format("%08d", 2);
        Rule rule = new RuleParser(CriterionRegistry.withBuiltIns()).parse(Map.of("all", List.of(
                Map.of("criterion", "attribute", "field", "employeeType", "operator", "equals", "value", "Employee"),
                Map.of("criterion", "attribute", "field", "department", "operator", "is_under", "value", "d1"),
                Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with", "value", "title 1"),
                Map.of("criterion", "reports_to", "managerId", manager, "includeNested", true))));

        query(org, rule); // warm-up
        long evaluation = System.nanoTime();
        Set<UserId> members = query(org, rule);
        evaluation = System.nanoTime() - evaluation;
        long counting = System.nanoTime();
        long count = longTx(() -> {
            tenant.enter(org.id());
            return query.count(org.id(), rule);
        });
        counting = System.nanoTime() - counting;
        handWritten(org, manager);
        long byHand = System.nanoTime();
        List<String> expected = handWritten(org, manager);
        byHand = System.nanoTime() - byHand;

        System.out.printf("%nRule evaluation in SQL at %,d members (seeding: %d ms), %,d selected:%n"
                        + "  set-based path, members:   %6d ms%n"
                        + "  set-based path, count:     %6d ms%n"
                        + "  the same query by hand:    %6d ms%n%n",
                size, seeding / 1_000_000, members.size(), evaluation / 1_000_000, counting / 1_000_000,
                byHand / 1_000_000);

        assertThat(members).extracting(UserId::value).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(count).isEqualTo(members.size());
        assertThat(members).isNotEmpty();

        // The shared test database keeps no large org for the tests that follow.
        longTx(() -> {
            tenant.enter(org.id());
            em.createNativeQuery("delete from org_members where org_id = :org").setParameter("org", org.id().value())
                    .executeUpdate();
            em.createNativeQuery("delete from master_data where org_id = :org").setParameter("org", org.id().value())
                    .executeUpdate();
            em.createNativeQuery("delete from users where id like :prefix").setParameter("prefix", prefix + "%")
                    .executeUpdate();
            return null;
        });
    }

    private Set<UserId> query(Organization org, Rule rule) {
        return longTx(() -> {
            tenant.enter(org.id());
            return query.members(org.id(), rule);
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> handWritten(Organization org, String manager) {
        return longTx(() -> {
            tenant.enter(org.id());
            return (List<String>) em.createNativeQuery("with recursive below (user_id) as ("
                            + " select user_id from org_members where org_id = :org and manager_id = :manager"
                            + " union all select m.user_id from below b join org_members m"
                            + " on m.org_id = :org and m.manager_id = b.user_id),"
                            + " tree (key) as (select 'd1'::text union all select d.key from tree t join master_data d"
                            + " on d.org_id = :org and d.kind = 'department' and d.parent_key = t.key)"
                            + " select m.user_id from org_members m where m.org_id = :org and m.status = 'active'"
                            + " and lower(m.employee_type) = 'employee' and m.department in (select key from tree)"
                            + " and lower(m.job_title) like 'title 1%' and m.user_id in (select user_id from below)")
                    .setParameter("org", org.id().value()).setParameter("manager", manager).getResultList();
        });
    }
}
