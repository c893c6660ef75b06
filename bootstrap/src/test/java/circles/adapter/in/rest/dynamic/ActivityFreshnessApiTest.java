package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.bootstrap.support.PostgresTestResource;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Recency criteria are absolute: an ingested activity event re-checks its member at once
 * against the groups with recency rules, like a profile change, while groups with activity scores wait for their
 * schedule or a manual refresh. The tests poll with a deadline; they never wait a fixed time.
 */
@QuarkusTest
class ActivityFreshnessApiTest {
    /** A change of one member is visible within a second (docs/design.md, Freshness). */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(1);

    @Inject
    MembershipHistory history;
    @Inject
    UnitOfWork unitOfWork;

    private static String defaultGroupId(TestOrg org, String preset) {
        List<Map<String, Object>> items = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("limit", 500)
                .get("/v1/groups").then().statusCode(200).extract().path("items");
        return items.stream().filter(group -> preset.equals(group.get("preset")))
                .map(group -> (String) group.get("id")).findFirst().orElseThrow();
    }

    private static List<String> members(TestOrg org, String groupId) {
        return RestApi.as(org.admin).queryParam("limit", 500).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().path("items.userId");
    }

    private static void ingest(TestOrg org, String userId, String type, Instant at) {
        List<Map<String, Object>> events = List.of(Map.of("eventId", Ids.unique("ev"), "userId", userId,
                "type", type, "occurredAt", at.toString(), "quantity", 1));
        RestApi.as(org.admin).contentType(JSON).body(events).post("/v1/orgs/{orgId}/activity-events", org.id)
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected", hasSize(0));
    }

    /** The group's history of one member, oldest first, as "added data_change". */
    private List<String> historyOf(TestOrg org, String groupId, String userId) {
        return unitOfWork.inTransaction(() -> history.events(new GroupId(UUID.fromString(groupId)),
                        new OrgId(UUID.fromString(org.id)), UserId.of(userId), new PageRequest(100, null)))
                .items().reversed().stream()
                .map(event -> event.change().name().toLowerCase() + " " + event.cause().name().toLowerCase())
                .toList();
    }

    private Map<String, Object> evaluation(String groupId, TestOrg org) {
        return RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                .extract().path("evaluation");
    }

    @Test
    void a_login_event_puts_the_member_in_recent_logins_within_a_second_and_leaves_score_groups_alone() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String recentLogins = defaultGroupId(org, "recent_logins");
        String noLogins = defaultGroupId(org, "no_logins");
        String mostActive = defaultGroupId(org, "most_active");
        assertThat(eventually(VISIBLE_WITHIN, () -> members(org, noLogins).contains(member)))
                .as("a member without activity is among No Logins").isTrue();
        assertThat(members(org, recentLogins)).doesNotContain(member);
        Map<String, Object> scoredBefore = evaluation(mostActive, org);
        List<String> mostActiveBefore = members(org, mostActive);

        ingest(org, member, "login", Instant.now().minusSeconds(5));

        assertThat(eventually(VISIBLE_WITHIN, () -> members(org, recentLogins).contains(member)))
                .as("in Recent Logins within a second of the ingestion").isTrue();
        assertThat(historyOf(org, recentLogins, member)).containsExactly("added data_change");
        assertThat(eventually(VISIBLE_WITHIN, () -> !members(org, noLogins).contains(member))).isTrue();
        assertThat(historyOf(org, noLogins, member)).containsExactly("added data_change", "removed data_change");
        assertThat(historyOf(org, mostActive, member)).as("scores are relative: left to the schedule").isEmpty();
        assertThat(members(org, mostActive)).isEqualTo(mostActiveBefore);
        assertThat(evaluation(mostActive, org).get("lastComputedAt")).as("not evaluated again")
                .isEqualTo(scoredBefore.get("lastComputedAt"));
    }

    @Test
    void an_event_that_changes_no_verdict_writes_no_history() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String recentLogins = defaultGroupId(org, "recent_logins");
        ingest(org, member, "login", Instant.now().minusSeconds(60));
        assertThat(eventually(VISIBLE_WITHIN, () -> members(org, recentLogins).contains(member))).isTrue();

        ingest(org, member, "lesson_progress", Instant.now().minusSeconds(5));
        String other = org.member();
        ingest(org, other, "login", Instant.now().minusSeconds(5));
        assertThat(eventually(VISIBLE_WITHIN, () -> members(org, recentLogins).contains(other)))
                .as("a later event, handled after the one before it").isTrue();

        assertThat(historyOf(org, recentLogins, member)).containsExactly("added data_change");
    }

    @Test
    void a_batch_naming_more_members_than_are_rechecked_one_by_one_moves_exactly_those_members()
            throws SQLException {
        TestOrg org = TestOrg.create();
        String prefix = Ids.unique("bulk") + "-";
        int seeded = 1_500;
        int active = 1_200;
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("insert into users (id) select '" + prefix + "' || lpad(i::text, 5, '0')"
                    + " from generate_series(1, " + seeded + ") i");
            s.execute("insert into org_members (org_id, user_id, role, status, joined_at, updated_at) select '"
                    + org.id + "', '" + prefix + "' || lpad(i::text, 5, '0'), 'member', 'active', now(), now()"
                    + " from generate_series(1, " + seeded + ") i");
        }
        String recentLogins = defaultGroupId(org, "recent_logins");
        String noLogins = defaultGroupId(org, "no_logins");
        for (String group : List.of(recentLogins, noLogins)) {
            RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", group).then().statusCode(200);
        }
        Object computedBefore = evaluation(recentLogins, org).get("lastComputedAt");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 1; i <= active; i++) {
            events.add(Map.of("eventId", Ids.unique("ev"), "userId", prefix + String.format("%05d", i),
                    "type", "login", "occurredAt", Instant.now().minusSeconds(30).toString(), "quantity", 1));
        }

        RestApi.as(org.admin).contentType(JSON).body(events).post("/v1/orgs/{orgId}/activity-events", org.id)
                .then().statusCode(200).body("accepted", equalTo(active));

        String first = prefix + "00001";
        String untouched = prefix + String.format("%05d", seeded);
        assertThat(eventually(Duration.ofSeconds(10), () -> bulkMembers(recentLogins, prefix) == active))
                .as("every member of the batch in Recent Logins").isTrue();
        assertThat(eventually(Duration.ofSeconds(10), () -> bulkMembers(noLogins, prefix) == seeded - active))
                .as("only the members outside the batch left in No Logins").isTrue();
        assertThat(historyOf(org, recentLogins, first)).containsExactly("added data_change");
        assertThat(historyOf(org, noLogins, first)).hasSize(2).last().isEqualTo("removed data_change");
        assertThat(historyOf(org, noLogins, untouched)).as("a member outside the batch stays as the refresh left it")
                .hasSize(1).noneMatch(change -> change.startsWith("removed"));
        assertThat(memberCount(org, recentLogins)).isEqualTo(bulkMembers(recentLogins, ""));
        assertThat(memberCount(org, noLogins)).isEqualTo(bulkMembers(noLogins, ""));
        assertThat(evaluation(recentLogins, org).get("lastComputedAt"))
                .as("the batch's members were re-checked, not the whole group").isEqualTo(computedBefore);
    }

    private static long memberCount(TestOrg org, String groupId) {
        return ((Number) RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                .extract().path("memberCount")).longValue();
    }

    /** The snapshot's members whose id starts with {@code prefix}. */
    private static long bulkMembers(String groupId, String prefix) {
        try (Connection c = PostgresTestResource.superuserConnection();
             PreparedStatement select = c.prepareStatement("select count(*) from dynamic_group_members"
                     + " where group_id = ?::uuid and user_id like ?")) {
            select.setString(1, groupId);
            select.setString(2, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
