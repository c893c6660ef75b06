package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.in.dynamic.RecheckMemberUseCase;
import circles.application.port.in.event.RedeliverDirectoryEventsUseCase;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.bootstrap.support.RecordingDirectoryEventConsumer;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Event-driven freshness end to end: a change made through the API commits, its event leaves the outbox right after
 * the commit, and the computed members of the dynamic groups concerned follow on their own, each change kept in the
 * group's history with its cause. The tests poll with a deadline; they never wait a fixed time.
 */
@QuarkusTest
class DynamicGroupFreshnessApiTest {
    /** A change of one member is visible within a second (docs/design.md, Freshness). */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(1);
    /** Whole-org re-evaluations and subtrees: more work, still no fixed wait. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String MEMBER = "/v1/orgs/{orgId}/members/{userId}";

    @Inject
    MembershipHistory history;
    @Inject
    UnitOfWork unitOfWork;
    @Inject
    RecordingDirectoryEventConsumer recorded;
    @Inject
    RedeliverDirectoryEventsUseCase redelivery;
    @Inject
    RecheckMemberUseCase recheck;

    // --- helpers --------------------------------------------------------------------------------------------

    private static String member(TestOrg org, String prefix, Map<String, Object> profile) {
        String userId = Ids.user(prefix);
        Map<String, Object> body = new HashMap<>(profile);
        body.put("userId", userId);
        body.put("role", "member");
        RestApi.as(org.admin).contentType(JSON).body(body).post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201);
        return userId;
    }

    private static String inDepartment(TestOrg org, String department) {
        return member(org, "dept", Map.of("department", department));
    }

    private static String reportingTo(TestOrg org, String prefix, String managerId) {
        return member(org, prefix, Map.of("managerId", managerId));
    }

    private static void patch(TestOrg org, String userId, Map<String, Object> changes) {
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(changes).patch(MEMBER, org.id, userId)
                .then().statusCode(200);
    }

    private static String dynamic(TestOrg org, Object rule) {
        return org.group("organization", Map.of("kind", "dynamic", "type", "custom", "rule", rule));
    }

    private static Map<String, Object> attribute(String field, String operator, String value) {
        return Map.of("criterion", "attribute", "field", field, "operator", operator, "value", value);
    }

    private static Map<String, Object> reportsTo(String managerId) {
        return Map.of("criterion", "reports_to", "managerId", managerId, "includeNested", true);
    }

    private static Map<String, Object> memberOf(String groupId) {
        return Map.of("criterion", "member_of", "groupId", groupId);
    }

    private static TreeSet<String> members(TestOrg org, String groupId) {
        List<String> ids = RestApi.as(org.admin).queryParam("limit", 500)
                .get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().path("items.userId");
        return new TreeSet<>(ids);
    }

    private static int memberCount(TestOrg org, String groupId) {
        return RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                .extract().path("memberCount");
    }

    private static boolean hasMembers(TestOrg org, String groupId, String... userIds) {
        return members(org, groupId).equals(new TreeSet<>(List.of(userIds)));
    }

    /** The group's history of one member, oldest first, as "added data_change". */
    private List<String> historyOf(TestOrg org, String groupId, String userId) {
        return unitOfWork.inTransaction(() -> history.events(new GroupId(UUID.fromString(groupId)),
                        new OrgId(UUID.fromString(org.id)), UserId.of(userId), new PageRequest(100, null)))
                .items().reversed().stream()
                .map(event -> event.change().name().toLowerCase() + " " + event.cause().name().toLowerCase())
                .toList();
    }

    private static void department(TestOrg org, String key, String parentKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("name", key);
        if (parentKey != null) {
            body.put("parentKey", parentKey);
        }
        RestApi.as(org.admin).contentType(JSON).body(body).post("/v1/orgs/{orgId}/departments", org.id)
                .then().statusCode(201);
    }

    // --- tests ------------------------------------------------------------------------------------------------

    @Test
    void a_changed_department_moves_the_member_between_groups_within_a_second() {
        TestOrg org = TestOrg.create();
        String alice = inDepartment(org, "engineering");
        String bob = inDepartment(org, "sales");
        String engineering = dynamic(org, attribute("department", "equals", "engineering"));
        String sales = dynamic(org, attribute("department", "equals", "sales"));

        patch(org, bob, Map.of("department", "engineering"));

        assertThat(eventually(VISIBLE_WITHIN, () -> hasMembers(org, engineering, alice, bob)
                && hasMembers(org, sales))).as("bob moved to engineering within a second").isTrue();
        assertThat(memberCount(org, engineering)).isEqualTo(2);
        assertThat(memberCount(org, sales)).isZero();
        assertThat(historyOf(org, engineering, bob)).containsExactly("added data_change");
        assertThat(historyOf(org, sales, bob)).containsExactly("added rule_change", "removed data_change");
    }

    @Test
    void a_new_member_joins_and_a_deactivated_or_departed_member_leaves() {
        TestOrg org = TestOrg.create();
        String alice = inDepartment(org, "engineering");
        String engineering = dynamic(org, attribute("department", "equals", "engineering"));

        String bob = inDepartment(org, "engineering");
        String carol = inDepartment(org, "engineering");
        assertThat(eventually(VISIBLE_WITHIN, () -> hasMembers(org, engineering, alice, bob, carol))).isTrue();

        patch(org, bob, Map.of("status", "deactivated"));
        RestApi.as(org.admin).delete(MEMBER, org.id, carol).then().statusCode(204);

        assertThat(eventually(VISIBLE_WITHIN, () -> hasMembers(org, engineering, alice))).isTrue();
        assertThat(memberCount(org, engineering)).isEqualTo(1);
        assertThat(historyOf(org, engineering, bob)).containsExactly("added data_change", "removed data_change");
        assertThat(historyOf(org, engineering, carol)).containsExactly("added data_change", "removed data_change");
    }

    @Test
    void a_new_manager_moves_the_whole_reporting_subtree() {
        TestOrg org = TestOrg.create();
        String ceo = member(org, "ceo", Map.of());
        String vp1 = reportingTo(org, "vp", ceo);
        String vp2 = reportingTo(org, "vp", ceo);
        String lead = reportingTo(org, "lead", vp1);
        String dev1 = reportingTo(org, "dev", lead);
        String dev2 = reportingTo(org, "dev", dev1);
        String underVp1 = dynamic(org, reportsTo(vp1));
        String underVp2 = dynamic(org, reportsTo(vp2));
        assertThat(members(org, underVp1)).containsExactlyInAnyOrder(lead, dev1, dev2);

        patch(org, lead, Map.of("managerId", vp2));

        assertThat(eventually(PATIENCE, () -> hasMembers(org, underVp2, lead, dev1, dev2)
                && hasMembers(org, underVp1))).as("the subtree moved from vp1 to vp2").isTrue();
        assertThat(historyOf(org, underVp2, dev2)).containsExactly("added data_change");
        assertThat(historyOf(org, underVp1, dev2)).containsExactly("added rule_change", "removed data_change");
    }

    @Test
    void a_moved_department_updates_the_groups_testing_positions_in_the_tree() {
        TestOrg org = TestOrg.create();
        department(org, "engineering", null);
        department(org, "sales", null);
        department(org, "backend", "engineering");
        String alice = inDepartment(org, "backend");
        String bob = inDepartment(org, "sales");
        String underEngineering = dynamic(org, attribute("department", "is_under", "engineering"));
        String underSales = dynamic(org, attribute("department", "is_under", "sales"));
        assertThat(members(org, underEngineering)).containsExactly(alice);

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("parentKey", "sales"))
                .patch("/v1/orgs/{orgId}/departments/{key}", org.id, "backend").then().statusCode(200);

        assertThat(eventually(PATIENCE, () -> hasMembers(org, underSales, alice, bob)
                && hasMembers(org, underEngineering))).as("backend moved under sales").isTrue();
        assertThat(historyOf(org, underSales, alice)).containsExactly("added data_change");
    }

    @Test
    void a_group_reading_a_static_group_follows_its_members_with_cause_dependency() {
        TestOrg org = TestOrg.create();
        String alice = inDepartment(org, "engineering");
        String bob = inDepartment(org, "engineering");
        String team = org.group("organization");
        String subteam = org.subgroup(team, "organization");
        String onTeam = dynamic(org, memberOf(team));
        String engineersOnTeam = dynamic(org, Map.of("all", List.of(memberOf(onTeam),
                attribute("department", "equals", "engineering"))));

        org.addToGroup(subteam, alice, "member");
        org.addToGroup(team, bob, "member");

        assertThat(eventually(VISIBLE_WITHIN, () -> hasMembers(org, onTeam, alice, bob)
                && hasMembers(org, engineersOnTeam, alice, bob))).isTrue();
        assertThat(historyOf(org, onTeam, alice)).containsExactly("added dependency");
        assertThat(historyOf(org, engineersOnTeam, alice)).containsExactly("added dependency");

        RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", subteam, alice)
                .then().statusCode(204);

        assertThat(eventually(VISIBLE_WITHIN, () -> hasMembers(org, onTeam, bob)
                && hasMembers(org, engineersOnTeam, bob))).isTrue();
        assertThat(historyOf(org, engineersOnTeam, alice)).containsExactly("added dependency", "removed dependency");
    }

    @Test
    void groups_with_relative_criteria_wait_for_their_schedule() {
        TestOrg org = TestOrg.create();
        String alice = inDepartment(org, "engineering");
        // Nobody in the org has any activity, so nobody is among the most active: the score is relative to the org.
        String quietSales = dynamic(org, Map.of("all", List.of(attribute("department", "equals", "sales"),
                Map.of("not", Map.of("criterion", "activity_score", "metric", "most_active", "threshold", 50)))));
        String sales = dynamic(org, attribute("department", "equals", "sales"));

        patch(org, alice, Map.of("department", "sales"));

        assertThat(eventually(VISIBLE_WITHIN, () -> hasMembers(org, sales, alice)))
                .as("the event was handled").isTrue();
        assertThat(members(org, quietSales)).as("a relative rule is left to its schedule").isEmpty();
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", quietSales)
                .then().statusCode(200).body("added", equalTo(1));
    }

    @Test
    void a_redelivered_event_is_counted_once() {
        TestOrg org = TestOrg.create();
        String alice = inDepartment(org, "sales");
        String engineering = dynamic(org, attribute("department", "equals", "engineering"));
        recorded.failNext(UserId.of(alice), 1);

        patch(org, alice, Map.of("department", "engineering"));

        // The first delivery fails (another consumer of the same event throws), so nothing of it commits; the
        // redelivery job delivers it again.
        assertThat(eventually(PATIENCE, () -> {
            redelivery.redeliver();
            return hasMembers(org, engineering, alice);
        })).isTrue();
        List<MemberChanged> delivered = recorded.changesOf(UserId.of(alice));
        recheck.memberChanged(delivered.getLast());

        assertThat(historyOf(org, engineering, alice)).containsExactly("added data_change");
        assertThat(memberCount(org, engineering)).isEqualTo(1);
    }
}
