package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.Stopwatch.median;
import static circles.adapter.in.rest.Stopwatch.timed;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.Stopwatch.Work;
import circles.adapter.in.rest.TestOrg;
import circles.adapter.out.persistence.memberindex.MemberIndexAdapter;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.shared.TenantScope;
import circles.bootstrap.support.PostgresTestResource;
import circles.bootstrap.support.SyntheticOrgSeeder;
import circles.domain.actor.UserId;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleParser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dynamic-group benchmark of the performance goals (not part of the test suite: tagged {@code benchmark},
 * run by {@code ./benchmark/dynamic.sh}). For each org size it seeds a synthetic org straight into PostgreSQL
 * (department tree of 200 nodes and depth 4, 50 locations, 1,000 job titles, manager chains up to depth 8,
 * custom attributes, every 50th member suspended), then measures over HTTP and through the set-based query:
 * <ul>
 *   <li>the first evaluation of the four-criterion rule (all members new), a refresh with nothing changed and a
 *       refresh after 1% of the members moved department (evaluation plus diff write);</li>
 *   <li>the rule alone through the set-based path next to the same query written by hand;</li>
 *   <li>a preview count;</li>
 *   <li>a member's groups ({@code GET /v1/orgs/{orgId}/members/{userId}/groups}) with 10,000 groups in the org,
 *       the member in 200 of them, one client, p50 and p99;</li>
 *   <li>through the snapshot store alone, the first write of a snapshot of nearly every member and the 1% diff
 *       written right after it (0.5% removed, 0.5% added), with statistics of the snapshot table gathered before
 *       the group existed and none in between: the state of the first refresh after a large first evaluation.</li>
 * </ul>
 * It prints the figures; it asserts only that the set-based path and the hand-written query agree.
 */
@QuarkusTest
@Tag("benchmark")
class DynamicGroupsBenchmark {
    private static final int TIMEOUT_SECONDS = 3600;
    private static final int STATIC_GROUPS = 10_000;
    private static final int GROUPS_OF_MEMBER = 200;

    @Inject
    RuleMemberQuery query;
    @Inject
    DynamicMembersStore snapshots;
    @Inject
    TenantScope tenant;
    @Inject
    jakarta.persistence.EntityManager em;
    @Inject
    MemberIndexAdapter index;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> report = new ArrayList<>();

    private static List<Integer> sizes() {
        String configured = System.getenv().getOrDefault("CIRCLES_BENCHMARK_SIZES", "10000,100000,1000000");
        return Arrays.stream(configured.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    @Test
    void dynamic_groups_at_growing_org_sizes() throws Exception {
        for (int size : sizes()) {
            measure(size);
        }
        String text = "Dynamic-group benchmark (times in ms; refreshes and previews over HTTP, one client)"
                + System.lineSeparator() + String.join("", report.stream().map(line -> line + System.lineSeparator()).toList());
        System.out.println(text);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "dynamic-benchmark.txt"), text);
    }

    private void measure(int size) throws Exception {
        TestOrg org = TestOrg.create();
        String prefix = "b" + UUID.randomUUID().toString().substring(0, 6) + "-";
        long seeding = timed(() -> {
            SyntheticOrgSeeder.seed(org.id, prefix, size);
            return null;
        });
        String manager = prefix + String.format("%08d", 2);
        Map<String, Object> rule = Map.of("all", List.of(
                Map.of("criterion", "attribute", "field", "employeeType", "operator", "equals", "value", "Employee"),
                Map.of("criterion", "attribute", "field", "department", "operator", "is_under", "value", "d1"),
                Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with", "value", "title 1"),
                Map.of("criterion", "reports_to", "managerId", manager, "includeNested", true)));

        Rule parsed = new RuleParser(CriterionRegistry.withBuiltIns()).parse(rule);
        OrgId orgId = new OrgId(UUID.fromString(org.id));
        // The member index of this process is built on the org's first use: measured alone, with the heap it keeps.
        long heapBefore = usedHeap();
        long indexBuild = timed(() -> inTx(orgId, () -> index.select(orgId, parsed).orElseThrow()));
        long heapAfter = usedHeap();
        long indexBytes = index.bytes(orgId);

        String[] groupId = new String[1];
        long first = timed(() -> groupId[0] = org.createGroup("organization", Map.of("kind", "dynamic",
                "type", "custom", "rule", rule)).then().statusCode(201).extract().path("id"));
        long unchanged = median(3, () -> refresh(org, groupId[0]));
        long changed = timed(() -> {
            moveOnePercent(org.id, prefix, 7);
            return null;
        });
        long diff = timed(() -> refresh(org, groupId[0]));
        Map<String, Object> lastRefresh = refresh(org, groupId[0]);

        Set<UserId> viaQuery = inTx(orgId, () -> query.members(orgId, parsed));
        long setBased = median(3, () -> inTx(orgId, () -> query.members(orgId, parsed)));
        List<String> byHand = handWritten(org.id, manager);
        long handMs = median(3, () -> handWritten(org.id, manager));
        assertThat(viaQuery).extracting(UserId::value).containsExactlyInAnyOrderElementsOf(byHand);

        long preview = median(5, () -> RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", rule))
                .post("/v1/orgs/{orgId}/rules/preview", org.id).then().statusCode(200).extract().path("count"));
        Set<UserId> viaIndex = inTx(orgId, () -> index.select(orgId, parsed).orElseThrow().members());
        assertThat(viaIndex).isEqualTo(viaQuery);

        // A/B, alternating, never both at once: the index against the hand-written SQL.
        AB previewAB = alternate(5,
                () -> RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", rule))
                        .post("/v1/orgs/{orgId}/rules/preview", org.id).then().statusCode(200).extract().path("count"),
                () -> handWrittenCount(org.id, manager));
        AB ruleAB = alternate(5, () -> inTx(orgId, () -> index.select(orgId, parsed).orElseThrow().members()),
                () -> handWritten(org.id, manager));
        AB refreshAB = refreshes(org, orgId, groupId[0], prefix, manager);

        String member = prefix + String.format("%08d", 3);
        seedGroups(org.id, member);
        long[] latencies = memberGroupsLatencies(org, member);

        long[] snapshot = snapshotWrites(orgId, prefix, size);

        report.add(String.format(Locale.ROOT, "%n%,d members (seeded in %,d ms; rule selects %,d; last refresh: %s)",
                size, seeding, viaQuery.size(), lastRefresh));
        report.add(String.format(Locale.ROOT, "  create with rule, first evaluation and write: %,8d", first));
        report.add(String.format(Locale.ROOT, "  refresh, nothing changed:                    %,8d", unchanged));
        report.add(String.format(Locale.ROOT, "  refresh after 1%% moved department:          %,8d   (the move: %,d)",
                diff, changed));
        report.add(String.format(Locale.ROOT, "  rule in SQL (set-based path):                %,8d", setBased));
        report.add(String.format(Locale.ROOT, "  the same query by hand:                      %,8d   (ratio %.2f)",
                handMs, handMs == 0 ? 0.0 : (double) setBased / handMs));
        report.add(String.format(Locale.ROOT, "  preview count:                               %,8d", preview));
        report.add(String.format(Locale.ROOT, "  member index: first use (build) %,d ms; bitmaps and arrays %,.1f MiB;"
                + " heap retained %,.1f MiB of max %,.0f MiB", indexBuild, indexBytes / 1048576.0,
                (heapAfter - heapBefore) / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0));
        report.add(previewAB.line("preview count (HTTP, index) vs count by hand", 0.1));
        report.add(ruleAB.line("rule members via index vs rule by hand", 0.0));
        report.add(refreshAB.line("refresh after 1% moved (HTTP) vs rule+diff by hand", 1.5));
        report.add(String.format(Locale.ROOT, "  member's groups (%,d groups, member in %d): p50 %.2f, p99 %.2f",
                STATIC_GROUPS, GROUPS_OF_MEMBER, latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6));
        report.add(String.format(Locale.ROOT, "  snapshot store, first write of %,d members:  %,8d", snapshot[0],
                snapshot[1]));
        report.add(String.format(Locale.ROOT, "  snapshot store, 1%% diff right after (%,d removed, %,d added): %,8d"
                + "   (diff / first write %.2f)", snapshot[2], snapshot[2], snapshot[3],
                (double) snapshot[3] / Math.max(1, snapshot[1])));
    }

    /** Medians and spreads of A and B measured alternately (A first in even rounds, B first in odd ones). */
    private record AB(long[] a, long[] b, String loadBefore, String loadAfter) {
        long median(long[] times) {
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        String line(String what, double target) {
            double ratio = (double) median(a) / Math.max(1, median(b));
            return String.format(Locale.ROOT, "  A/B %s: A median %,d (min %,d, max %,d), B median %,d (min %,d,"
                    + " max %,d), ratio %.3f%s; runs A %s B %s; load %s -> %s", what, median(a),
                    Arrays.stream(a).min().orElse(0), Arrays.stream(a).max().orElse(0), median(b),
                    Arrays.stream(b).min().orElse(0), Arrays.stream(b).max().orElse(0), ratio,
                    target > 0 ? String.format(Locale.ROOT, " (target <= %.1f: %s)", target,
                            ratio <= target ? "met" : "missed") : "", Arrays.toString(a), Arrays.toString(b),
                    loadBefore, loadAfter);
        }
    }

    private static AB alternate(int rounds, Work a, Work b) throws Exception {
        String before = load();
        long[] as = new long[rounds];
        long[] bs = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                as[round] = timed(a);
                bs[round] = timed(b);
            } else {
                bs[round] = timed(b);
                as[round] = timed(a);
            }
        }
        return new AB(as, bs, before, load());
    }

    /**
     * Refreshes after 1% of the members moved department, A/B: A the group's refresh over HTTP (the rule from the
     * member index, the difference written by the store), B the rule and the difference written by hand in one SQL
     * statement into a second group's snapshot (with one history row per change). Each round moves another 1% and
     * runs both; both then hold the same members.
     */
    private AB refreshes(TestOrg org, OrgId orgId, String groupId, String prefix, String manager) throws Exception {
        GroupId hand = new GroupId(UUID.randomUUID());
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("insert into groups (id, org_id, name, slug, type, kind, visibility, created_at, updated_at)"
                    + " values ('" + hand.value() + "', '" + orgId.value() + "', 'Hand diff bench',"
                    + " 'hand-diff-bench-" + hand.value() + "', 'custom', 'dynamic', 'organization', now(), now())");
        }
        try {
            handDiff(orgId, hand, manager);
            refresh(org, groupId);
            String before = load();
            int rounds = 3;
            long[] as = new long[rounds];
            long[] bs = new long[rounds];
            for (int round = 0; round < rounds; round++) {
                moveOnePercent(org.id, prefix, 11 + round);
                Work a = () -> refresh(org, groupId);
                Work b = () -> handDiff(orgId, hand, manager);
                if (round % 2 == 0) {
                    as[round] = timed(a);
                    bs[round] = timed(b);
                } else {
                    bs[round] = timed(b);
                    as[round] = timed(a);
                }
            }
            String after = load();
            assertThat(snapshotSize(orgId, UUID.fromString(groupId))).as("both snapshots hold the same members")
                    .isEqualTo(snapshotSize(orgId, hand.value()));
            return new AB(as, bs, before, after);
        } finally {
            try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
                s.execute("delete from groups where id = '" + hand.value() + "'");
            }
        }
    }

    private long snapshotSize(OrgId orgId, UUID group) {
        return ((Number) inTx(orgId, () -> em.createNativeQuery("select count(*) from dynamic_group_members"
                + " where group_id = :g").setParameter("g", group).getSingleResult())).longValue();
    }

    /**
     * The hand-written rule and difference: the gone and the new found with {@code except} (hashed, linear), then
     * delete the gone, insert the new, a history row for each.
     */
    private Object handDiff(OrgId org, GroupId group, String manager) {
        return inTx(org, () -> em.createNativeQuery("with recursive below (user_id) as ("
                        + " select user_id from org_members where org_id = :org and manager_id = :manager"
                        + " union all select m.user_id from below b join org_members m"
                        + " on m.org_id = :org and m.manager_id = b.user_id),"
                        + " tree (key) as (select 'd1'::text union all select d.key from tree t join master_data d"
                        + " on d.org_id = :org and d.kind = 'department' and d.parent_key = t.key),"
                        + " target as materialized (select m.user_id from org_members m where m.org_id = :org"
                        + " and m.status = 'active' and lower(m.employee_type) = 'employee'"
                        + " and m.department in (select key from tree) and lower(m.job_title) like 'title 1%'"
                        + " and m.user_id in (select user_id from below)),"
                        // except runs as a hashed set operation: linear whatever the estimates (no nested loop
                        // of the snapshot against the target).
                        + " gone as materialized (select user_id from dynamic_group_members where group_id = :g"
                        + " except select user_id from target),"
                        + " fresh as materialized (select user_id from target except select user_id"
                        + " from dynamic_group_members where group_id = :g),"
                        + " removed as (delete from dynamic_group_members d using gone where d.group_id = :g"
                        + " and d.user_id = gone.user_id returning d.user_id),"
                        + " added as (insert into dynamic_group_members (group_id, org_id, user_id, since, via)"
                        + " select :g, :org, user_id, now(), 'rule' from fresh returning user_id),"
                        + " history as (insert into group_membership_events (group_id, org_id, user_id, change,"
                        + " cause, occurred_at) select :g, :org, user_id, 'removed', 'schedule', now() from removed"
                        + " union all select :g, :org, user_id, 'added', 'schedule', now() from added)"
                        + " select (select count(*) from removed) + (select count(*) from added)")
                .setParameter("org", org.value()).setParameter("manager", manager).setParameter("g", group.value())
                .getSingleResult());
    }

    /** The load average (1, 5, 15 minutes). */
    private static String load() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException unreadable) {
            return "?";
        }
    }

    /** The heap in use after garbage collection. */
    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * The first write of a new dynamic group's snapshot and the 1% diff right after, through the store: {members
     * written, ms, members removed (= added), ms}. The group is made in SQL, with no rule and no schedule, so that
     * nothing but these two writes touches its snapshot, and deleted afterwards.
     */
    private long[] snapshotWrites(OrgId orgId, String prefix, int size) throws Exception {
        int churn = size / 200;
        GroupId groupId = new GroupId(UUID.randomUUID());
        List<UserId> everyone = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            everyone.add(new UserId(prefix + String.format("%08d", i)));
        }
        Set<UserId> first = new HashSet<>(everyone.subList(0, size - churn));
        Set<UserId> next = new HashSet<>(everyone.subList(churn, size));
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("insert into groups (id, org_id, name, slug, type, kind, visibility, created_at, updated_at)"
                    + " values ('" + groupId.value() + "', '" + orgId.value() + "', 'Snapshot bench " + size + "',"
                    + " 'snapshot-bench-" + size + "', 'custom', 'dynamic', 'organization', now(), now())");
            // Statistics that predate the group, and none gathered between the two writes.
            s.execute("analyze dynamic_group_members");
            s.execute("alter table dynamic_group_members set (autovacuum_enabled = false)");
        }
        try {
            long firstMs = timed(() -> inTx(orgId, () -> snapshots.applyDiff(groupId, orgId, first, Cause.RULE_CHANGE,
                    Instant.now())));
            DynamicMembersStore.Diff[] diff = new DynamicMembersStore.Diff[1];
            long diffMs = timed(() -> diff[0] = inTx(orgId, () -> snapshots.applyDiff(groupId, orgId, next,
                    Cause.SCHEDULE, Instant.now())));
            assertThat(diff[0].removed()).hasSize(churn);
            assertThat(diff[0].added()).hasSize(churn);
            return new long[] {first.size(), firstMs, churn, diffMs};
        } finally {
            try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
                s.execute("alter table dynamic_group_members reset (autovacuum_enabled)");
                s.execute("delete from groups where id = '" + groupId.value() + "'");
            }
        }
    }

    private Map<String, Object> refresh(TestOrg org, String groupId) {
        return RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId)
                .then().statusCode(200).extract().path("");
    }

    private long[] memberGroupsLatencies(TestOrg org, String member) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + io.restassured.RestAssured.port + "/v1/orgs/" + org.id
                        + "/members/" + member + "/groups?limit=500"))
                .header("Authorization", "Bearer " + RestApi.token(org.admin)).GET().build();
        for (int i = 0; i < 300; i++) {
            assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
        long[] times = new long[1000];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times;
    }

    private <T> T inTx(OrgId orgId, Supplier<T> work) {
        return QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).call(() -> {
            tenant.enter(orgId);
            return work.get();
        });
    }


    /**
     * One member in a hundred moves to another department (so that the rule's members change), with the
     * {@code circles.org.member.changed} event the application writes in the transaction of every such change.
     */
    private static void moveOnePercent(String orgId, String prefix, int shift) throws SQLException {
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("with moved as (update org_members set department = 'd' || ((substring(user_id from "
                    + (prefix.length() + 1) + ")::int + " + shift + ") % 200), updated_at = now() where org_id = '"
                    + orgId + "' and user_id like '" + prefix + "%' and substring(user_id from "
                    + (prefix.length() + 1) + ")::int % 100 = 1 returning org_id, user_id)"
                    + " insert into public_events (id, aggregatetype, aggregateid, type, payload, org_id, occurred_at)"
                    + " select gen_random_uuid(), 'org_member', user_id, 'circles.org.member.changed',"
                    + " jsonb_build_object('data', jsonb_build_object('orgId', org_id, 'userId', user_id,"
                    + " 'changedFields', jsonb_build_array('department'))), org_id, now() from moved");
        }
    }

    /** The rule's count written by hand, run like the rule by hand. */
    private long handWrittenCount(String orgId, String manager) {
        OrgId org = new OrgId(UUID.fromString(orgId));
        return inTx(org, () -> ((Number) em.createNativeQuery("with recursive below (user_id) as ("
                        + " select user_id from org_members where org_id = :org and manager_id = :manager"
                        + " union all select m.user_id from below b join org_members m"
                        + " on m.org_id = :org and m.manager_id = b.user_id),"
                        + " tree (key) as (select 'd1'::text union all select d.key from tree t join master_data d"
                        + " on d.org_id = :org and d.kind = 'department' and d.parent_key = t.key)"
                        + " select count(*) from org_members m where m.org_id = :org and m.status = 'active'"
                        + " and lower(m.employee_type) = 'employee' and m.department in (select key from tree)"
                        + " and lower(m.job_title) like 'title 1%' and m.user_id in (select user_id from below)")
                .setParameter("org", org.value()).setParameter("manager", manager).getSingleResult()).longValue());
    }

    /** 10,000 static groups in the org; the member is a direct member of every 50th. */
    private static void seedGroups(String orgId, String member) throws SQLException {
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("insert into groups (id, org_id, name, slug, type, kind, visibility, created_at, updated_at)"
                    + " select gen_random_uuid(), '" + orgId + "', 'Bench group ' || lpad(i::text, 5, '0'),"
                    + " 'bench-group-' || i, 'project', 'static', 'organization', now(), now()"
                    + " from generate_series(1, " + STATIC_GROUPS + ") i");
            s.execute("insert into group_members (group_id, org_id, user_id, role, status, joined_at)"
                    + " select id, org_id, '" + member + "', 'member', 'active', now() from groups"
                    + " where org_id = '" + orgId + "' and name like 'Bench group %'"
                    + " and substring(name from 13)::int % " + (STATIC_GROUPS / GROUPS_OF_MEMBER) + " = 0");
            s.execute("analyze groups");
            s.execute("analyze group_members");
        }
    }

    /** The rule written by hand, run like the set-based path: a pooled connection in a transaction of the org. */
    @SuppressWarnings("unchecked")
    private List<String> handWritten(String orgId, String manager) {
        OrgId org = new OrgId(UUID.fromString(orgId));
        return inTx(org, () -> (List<String>) em.createNativeQuery("with recursive below (user_id) as ("
                        + " select user_id from org_members where org_id = :org and manager_id = :manager"
                        + " union all select m.user_id from below b join org_members m"
                        + " on m.org_id = :org and m.manager_id = b.user_id),"
                        + " tree (key) as (select 'd1'::text union all select d.key from tree t join master_data d"
                        + " on d.org_id = :org and d.kind = 'department' and d.parent_key = t.key)"
                        + " select m.user_id from org_members m where m.org_id = :org and m.status = 'active'"
                        + " and lower(m.employee_type) = 'employee' and m.department in (select key from tree)"
                        + " and lower(m.job_title) like 'title 1%' and m.user_id in (select user_id from below)")
                .setParameter("org", org.value()).setParameter("manager", manager).getResultList());
    }
}
