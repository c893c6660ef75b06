package circles.adapter.in.rest.event;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.adapter.in.rest.dynamic.DynamicTestGroups;
import circles.bootstrap.support.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static circles.adapter.in.rest.event.ChangeFeed.count;
import static circles.adapter.in.rest.event.ChangeFeed.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An evaluation that changes more members than the limit (10,000) is one bulk event, whose evaluation id pages
 * through exactly the membership changes it made.
 */
@QuarkusTest
class ChangeFeedBulkApiTest {
    private static final int MEMBERS = 20_000;

    @Test
    void an_evaluation_of_twenty_thousand_changes_is_one_bulk_event_whose_evaluation_lists_exactly_them()
            throws SQLException {
        TestOrg org = TestOrg.create();
        String department = "bulk-" + UUID.randomUUID();
        String prefix = "bulk" + UUID.randomUUID().toString().substring(0, 8) + "-";
        seed(org.id, prefix, department);
        String cursor = ChangeFeed.now(org);

        String group = DynamicTestGroups.ruledBy(org, department);

        List<Map<String, Object>> events = ChangeFeed.await(org, cursor,
                read -> count(read, "circles.group.members.bulk_changed") == 1);
        assertThat(ChangeFeed.types(events)).containsExactly("circles.group.created",
                "circles.group.members.bulk_changed");
        Map<String, Object> bulk = data(events.get(1));
        assertThat(bulk).containsEntry("groupId", group).containsEntry("cause", "rule_change")
                .containsEntry("added", MEMBERS).containsEntry("removed", 0);
        String evaluationId = (String) bulk.get("evaluationId");

        Set<String> users = new HashSet<>();
        int changes = 0;
        String next = null;
        do {
            var request = RestApi.as(org.admin).queryParam("evaluationId", evaluationId).queryParam("limit", 500);
            if (next != null) {
                request.queryParam("cursor", next);
            }
            Response page = request.get("/v1/groups/{groupId}/membership-events", group);
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.path("items");
            for (Map<String, Object> item : items) {
                assertThat(item).containsEntry("change", "added").containsEntry("evaluationId", evaluationId);
                users.add((String) item.get("userId"));
                changes++;
            }
            next = page.path("nextCursor");
        } while (next != null);
        assertThat(changes).isEqualTo(MEMBERS);
        assertThat(users).hasSize(MEMBERS).allSatisfy(user -> assertThat(user).startsWith(prefix));
    }

    /** Twenty thousand active members of the department, written by two statements. */
    private static void seed(String orgId, String prefix, String department) throws SQLException {
        try (Connection connection = PostgresTestResource.superuserConnection()) {
            try (PreparedStatement users = connection.prepareStatement("insert into users (id)"
                    + " select ? || lpad(i::text, 6, '0') from generate_series(1, ?) i")) {
                users.setString(1, prefix);
                users.setInt(2, MEMBERS);
                users.executeUpdate();
            }
            try (PreparedStatement members = connection.prepareStatement("insert into org_members (org_id, user_id,"
                    + " role, status, department, joined_at, updated_at) select ?, ? || lpad(i::text, 6, '0'),"
                    + " 'member', 'active', ?, now(), now() from generate_series(1, ?) i")) {
                members.setObject(1, UUID.fromString(orgId));
                members.setString(2, prefix);
                members.setString(3, department);
                members.setInt(4, MEMBERS);
                members.executeUpdate();
            }
            try (PreparedStatement analyze = connection.prepareStatement("analyze org_members")) {
                analyze.execute();
            }
        }
    }
}
