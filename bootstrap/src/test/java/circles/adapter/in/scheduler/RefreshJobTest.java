package circles.adapter.in.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import circles.application.port.in.dynamic.RunScheduledRefreshesUseCase;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.PageRequest;
import circles.bootstrap.support.RefusedHistory;
import circles.bootstrap.support.TestTokens;
import circles.bootstrap.support.UnannouncedChanges;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The scheduled refresh evaluates the dynamic groups whose refresh is due, with the cause {@code schedule}, and no
 * other; a group that fails is marked failed and keeps its members; and instances running it at the same moment
 * evaluate every due group exactly once between them. (The job itself is off in tests; they run its use case.)
 */
@QuarkusTest
class RefreshJobTest {
    @Inject
    RunScheduledRefreshesUseCase refreshes;
    @Inject
    RefreshClaims claims;
    @Inject
    MembershipHistory history;

    /** An org of its own, with a member in backend and one in sales, and its admin's token. */
    private record Org(String id, String adminToken, String backend, String sales) {
        static Org create() {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String admin = "refresh-admin-" + suffix;
            String id = as(TestTokens.platformAdmin()).body(Map.of("name", "Refresh " + suffix,
                            "slug", "refresh-" + suffix, "adminUserIds", List.of(admin)))
                    .post("/v1/orgs").then().statusCode(201).extract().path("id");
            Org org = new Org(id, TestTokens.forUser(admin), "backend-" + suffix, "sales-" + suffix);
            org.join(org.backend, "backend");
            org.join(org.sales, "sales");
            return org;
        }

        void join(String userId, String department) {
            as(adminToken).body(Map.of("userId", userId, "role", "member", "department", department))
                    .post("/v1/orgs/{orgId}/members", id).then().statusCode(201);
        }

        /** A change no event announces: the groups' snapshots stay stale until a refresh looks again. */
        void moveSalesToBackend() {
            UnannouncedChanges.department(id, sales, "backend");
        }

        /** A dynamic group of backend people, refreshed hourly. */
        String hourlyBackendGroup() {
            return as(adminToken).body(Map.of("orgId", id, "name", "Backend " + UUID.randomUUID(), "type", "custom",
                            "kind", "dynamic", "visibility", "organization", "refreshIntervalMinutes", 60,
                            "rule", Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                                    "value", "backend")))
                    .post("/v1/groups").then().statusCode(201).extract().path("id");
        }

        int memberCount(String groupId) {
            return as(adminToken).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                    .extract().path("memberCount");
        }
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    private static GroupId groupId(String id) {
        return new GroupId(UUID.fromString(id));
    }

    /** Makes the group's scheduled refresh due {@code ago} before now. */
    private void dueSince(Org org, String group, Duration ago) {
        QuarkusTransaction.requiringNew().run(() -> claims.schedule(groupId(group), new OrgId(UUID.fromString(org.id)),
                60, Instant.now().minus(ago)));
    }

    private MembershipHistory.Event latestEvent(Org org, String group) {
        return QuarkusTransaction.requiringNew().call(() -> history.events(groupId(group),
                new OrgId(UUID.fromString(org.id)), null, new PageRequest(1, null)).items().getFirst());
    }

    @Test
    void a_run_evaluates_the_due_groups_with_the_cause_schedule_and_leaves_the_others() {
        Org org = Org.create();
        String due = org.hourlyBackendGroup();
        String notDue = org.hourlyBackendGroup();
        org.moveSalesToBackend();
        dueSince(org, due, Duration.ofSeconds(1));
        Instant before = Instant.now();

        RunScheduledRefreshesUseCase.Report report = refreshes.runDue();

        assertThat(report.evaluated()).contains(groupId(due)).doesNotContain(groupId(notDue));
        assertThat(org.memberCount(due)).isEqualTo(2);
        assertThat(org.memberCount(notDue)).isEqualTo(1);
        MembershipHistory.Event event = latestEvent(org, due);
        assertThat(event.userId().value()).isEqualTo(org.sales());
        assertThat(event.cause()).isEqualTo(MembershipHistory.Cause.SCHEDULE);
        String next = as(org.adminToken()).get("/v1/groups/{groupId}/evaluation", due).then().statusCode(200)
                .body("evaluation.status", equalTo("idle"))
                .extract().path("nextRefreshAt");
        assertThat(Instant.parse(next)).isAfter(before.plus(Duration.ofMinutes(59)));
        assertThat(refreshes.runDue().evaluated()).doesNotContain(groupId(due), groupId(notDue));
    }

    @Test
    void a_group_that_fails_is_marked_failed_keeps_its_members_and_holds_back_no_other() throws Exception {
        Org org = Org.create();
        String failing = org.hourlyBackendGroup();
        String healthy = org.hourlyBackendGroup();
        org.moveSalesToBackend();
        dueSince(org, failing, Duration.ofSeconds(2));
        dueSince(org, healthy, Duration.ofSeconds(1));

        RunScheduledRefreshesUseCase.Report report;
        try (RefusedHistory refused = new RefusedHistory(failing)) {
            report = refreshes.runDue();
        }

        assertThat(report.failed()).contains(groupId(failing));
        assertThat(report.evaluated()).contains(groupId(healthy));
        assertThat(org.memberCount(failing)).isEqualTo(1);
        assertThat(org.memberCount(healthy)).isEqualTo(2);
        as(org.adminToken()).get("/v1/groups/{groupId}/evaluation", failing).then().statusCode(200)
                .body("evaluation.status", equalTo("failed"))
                .body("evaluation.lastError", startsWith("the evaluation failed unexpectedly (incident "))
                .body("memberCount", equalTo(1));
        List<String> members = as(org.adminToken()).get("/v1/groups/{groupId}/members", failing)
                .then().statusCode(200).extract().jsonPath().getList("items.userId");
        assertThat(members).containsExactly(org.backend());
    }

    @Test
    void two_instances_running_at_once_evaluate_every_due_group_exactly_once() throws Exception {
        Org org = Org.create();
        Set<GroupId> mine = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            mine.add(groupId(org.hourlyBackendGroup()));
        }
        // Whatever other tests left due is taken now, so that both instances below meet these groups.
        refreshes.runDue();
        org.moveSalesToBackend();
        int i = 0;
        for (GroupId group : mine) {
            dueSince(org, group.toString(), Duration.ofSeconds(++i));
        }

        CyclicBarrier start = new CyclicBarrier(2);
        Callable<List<GroupId>> instance = () -> {
            start.await();
            return refreshes.runDue().evaluated().stream().filter(mine::contains).toList();
        };
        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<GroupId> one;
        List<GroupId> two;
        try {
            Future<List<GroupId>> first = instances.submit(instance);
            Future<List<GroupId>> second = instances.submit(instance);
            one = first.get();
            two = second.get();
        } finally {
            instances.shutdownNow();
        }

        List<GroupId> all = new ArrayList<>(one);
        all.addAll(two);
        assertThat(all).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(mine);
        assertThat(one).isNotEmpty();
        assertThat(two).isNotEmpty();
        for (GroupId group : mine) {
            assertThat(org.memberCount(group.toString())).isEqualTo(2);
            assertThat(latestEvent(org, group.toString()).cause()).isEqualTo(MembershipHistory.Cause.SCHEDULE);
        }
    }
}
