package circles.adapter.in.rest.membership;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.adapter.in.rest.dynamic.DynamicTestGroups;
import circles.bootstrap.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answers of {@code /v1/me/groups} and {@code /v1/orgs/{orgId}/members/{userId}/groups} are kept between requests
 * (docs/caches.md), and yet every change that shows in them shows on the very next request: each test reads both lists
 * until they are kept, changes one thing, and reads them once more.
 */
@QuarkusTest
class KeptMemberGroupsApiTest {
    @Inject
    TestClock clock;
    @Inject
    DataSource dataSource;

    @AfterEach
    void release() {
        clock.release();
    }

    @Test
    void a_membership_added_its_role_changed_and_removed_shows_at_once_on_both_lists() throws Exception {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        Lists lists = new Lists(org, member);
        lists.settle();
        assertThat(lists.mine().getList("items.group.id")).doesNotContain(group);

        org.addToGroup(group, member, "member");
        assertThat(lists.entry(lists.mine(), group).get("role")).isEqualTo("member");
        assertThat(lists.entry(lists.theirs(), group).get("role")).isEqualTo("member");

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("role", "moderator"))
                .patch("/v1/groups/{groupId}/members/{userId}", group, member).then().statusCode(200);
        assertThat(lists.entry(lists.mine(), group).get("role")).isEqualTo("moderator");
        assertThat(lists.entry(lists.theirs(), group).get("role")).isEqualTo("moderator");

        RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", group, member).then().statusCode(204);
        assertThat(lists.mine().getList("items.group.id")).doesNotContain(group);
        assertThat(lists.theirs().getList("items.group.id")).doesNotContain(group);
    }

    @Test
    void a_group_renamed_made_private_archived_and_deleted_shows_at_once_on_both_lists() throws Exception {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        org.addToGroup(group, member, "member");
        Lists lists = new Lists(org, member);
        lists.settle();

        String name = "Renamed " + org.slug;
        patchGroup(group, org, Map.of("name", name));
        assertThat(lists.group(lists.mine(), group).get("name")).isEqualTo(name);
        assertThat(lists.group(lists.theirs(), group).get("name")).isEqualTo(name);

        patchGroup(group, org, Map.of("visibility", "private"));
        assertThat(lists.group(lists.mine(), group).get("visibility")).isEqualTo("private");
        assertThat(lists.group(lists.theirs(), group).get("visibility")).isEqualTo("private");

        RestApi.as(org.admin).post("/v1/groups/{groupId}/archive", group).then().statusCode(200);
        assertThat(lists.group(lists.mine(), group).get("status")).isEqualTo("archived");
        assertThat(lists.group(lists.theirs(), group).get("status")).isEqualTo("archived");

        RestApi.as(org.admin).delete("/v1/groups/{groupId}", group).then().statusCode(204);
        assertThat(lists.mine().getList("items.group.id")).doesNotContain(group);
        assertThat(lists.theirs().getList("items.group.id")).doesNotContain(group);
    }

    @Test
    void a_member_suspended_in_the_org_loses_its_groups_from_their_own_list_at_once() throws Exception {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        org.addToGroup(group, member, "member");
        Lists lists = new Lists(org, member);
        lists.settle();
        assertThat(lists.mine().getList("items.group.id")).contains(group);

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "suspended"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, member).then().statusCode(200);

        assertThat(lists.mine().getList("items")).isEmpty();
    }

    @Test
    void an_admin_who_loses_the_role_no_longer_gets_the_kept_list_of_another_member() throws Exception {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String manager = org.member("admin");
        org.addToGroup(org.group("organization"), member, "member");
        RestApi.as(manager).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, member).then().statusCode(200);
        RestApi.as(manager).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, member).then().statusCode(200);

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("role", "member"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, manager).then().statusCode(200);

        RestApi.as(manager).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, member).then().statusCode(403);
    }

    @Test
    void a_list_read_afresh_checks_the_callers_rights_and_the_members_standing_and_keeps_no_refusal() throws Exception {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String colleague = org.member();
        String outsider = "outsider-" + UUID.randomUUID();
        String group = org.group("organization");
        org.addToGroup(group, member, "member");

        // Another plain member may not see the list, however often they ask.
        for (int i = 0; i < 2; i++) {
            RestApi.as(colleague).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, member)
                    .then().statusCode(403);
        }
        // Someone not in the org is not found, until they join; then their groups show at once.
        for (int i = 0; i < 2; i++) {
            RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, outsider)
                    .then().statusCode(404);
        }
        org.addMember(outsider, "member");
        org.addToGroup(group, outsider, "member");
        assertThat(new Lists(org, outsider).theirs().getList("items.group.id", String.class)).contains(group);
        // The member's list, read afresh and then kept, is the admin's to see, and still not the colleague's.
        assertThat(new Lists(org, member).theirs().getList("items.group.id", String.class)).contains(group);
        assertThat(new Lists(org, member).theirs().getList("items.group.id", String.class)).contains(group);
        RestApi.as(colleague).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, member).then().statusCode(403);
    }

    @Test
    void a_validity_window_ending_or_starting_shows_without_any_write() throws Exception {
        TestOrg org = TestOrg.create();
        String member = org.member();
        // A subgroup's membership makes its member an effective member of the parent while the window is open.
        String endingParent = org.group("organization");
        String endingChild = org.subgroup(endingParent, "organization");
        String startingParent = org.group("organization");
        String startingChild = org.subgroup(startingParent, "organization");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", member, "validUntil", now.plus(Duration.ofHours(1)).toString())))
                .post("/v1/groups/{groupId}/members", endingChild).then().statusCode(201);
        RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", member, "validFrom", now.plus(Duration.ofHours(2)).toString())))
                .post("/v1/groups/{groupId}/members", startingChild).then().statusCode(201);
        clock.pin(now);
        Lists lists = new Lists(org, member);
        lists.settle();
        assertThat(lists.mine().getList("items.group.id")).contains(endingParent).doesNotContain(startingParent);
        assertThat(lists.theirs().getList("items.group.id")).contains(endingParent).doesNotContain(startingParent);

        clock.advance(Duration.ofMinutes(61));
        assertThat(lists.mine().getList("items.group.id")).doesNotContain(endingParent);
        assertThat(lists.theirs().getList("items.group.id")).doesNotContain(endingParent);

        clock.advance(Duration.ofMinutes(60));
        assertThat(lists.mine().getList("items.group.id")).contains(startingParent);
        assertThat(lists.theirs().getList("items.group.id")).contains(startingParent);
    }

    @Test
    void a_dynamic_group_refresh_that_drops_the_member_shows_at_once() throws Exception {
        TestOrg org = TestOrg.create();
        String department = "kept-" + org.slug;
        String member = DynamicTestGroups.memberIn(org, department);
        String group = DynamicTestGroups.ruledBy(org, department);
        DynamicTestGroups.refresh(org, group);
        Lists lists = new Lists(org, member);
        lists.settle();
        assertThat(lists.mine().getList("items.group.id")).contains(group);
        assertThat(lists.theirs().getList("items.group.id")).contains(group);

        DynamicTestGroups.moveTo(org, member, "elsewhere-" + org.slug);
        DynamicTestGroups.refresh(org, group);

        assertThat(lists.mine().getList("items.group.id")).doesNotContain(group);
        assertThat(lists.theirs().getList("items.group.id")).doesNotContain(group);
    }

    @Test
    void a_kept_answer_is_served_until_the_log_shows_a_change_committed_by_any_process() throws Exception {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        org.addToGroup(group, member, "member");
        Lists lists = new Lists(org, member);
        lists.settle();
        Object name = lists.group(lists.mine(), group).get("name");

        // A write that publishes nothing (no process of Circles makes one): the kept answer stands.
        sql("update groups set name = 'Quiet " + org.slug + "' where id = '" + group + "'");
        assertThat(lists.group(lists.mine(), group).get("name")).isEqualTo(name);
        assertThat(lists.group(lists.theirs(), group).get("name")).isEqualTo(name);

        // Another process renames the group and publishes the change, as every write of Circles does.
        sql("update groups set name = 'Loud " + org.slug + "' where id = '" + group + "'",
                "insert into public_events (id, aggregatetype, aggregateid, type, payload, org_id, occurred_at)"
                        + " values ('" + UUID.randomUUID() + "', 'group', '" + group + "', 'circles.group.updated',"
                        + " '{}', '" + org.id + "', now())");
        assertThat(lists.group(lists.mine(), group).get("name")).isEqualTo("Loud " + org.slug);
        assertThat(lists.group(lists.theirs(), group).get("name")).isEqualTo("Loud " + org.slug);
    }

    /** Statements in one transaction across orgs, committed as another process would. */
    private void sql(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement scope = connection.prepareStatement(
                    "select set_config('circles.scope', 'all', true)")) {
                scope.execute();
            }
            for (String statement : statements) {
                try (PreparedStatement run = connection.prepareStatement(statement)) {
                    run.execute();
                }
            }
            connection.commit();
        }
    }

    private static void patchGroup(String group, TestOrg org, Map<String, Object> patch) {
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(patch).patch("/v1/groups/{groupId}", group)
                .then().statusCode(200);
    }

    /** A member's list as they see it and as their org's admin sees it. */
    private record Lists(TestOrg org, String member) {
        JsonPath mine() {
            return RestApi.as(member).queryParam("limit", 500).get("/v1/me/groups").then().statusCode(200)
                    .extract().jsonPath();
        }

        JsonPath theirs() {
            return RestApi.as(org.admin).queryParam("limit", 500)
                    .get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, member).then().statusCode(200)
                    .extract().jsonPath();
        }

        Map<String, Object> entry(JsonPath list, String group) {
            List<Map<String, Object>> items = list.getList("items");
            return items.stream().filter(item -> group.equals(((Map<?, ?>) item.get("group")).get("id")))
                    .findFirst().orElseThrow(() -> new AssertionError(group + " not in " + items));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> group(JsonPath list, String group) {
            return (Map<String, Object>) entry(list, group).get("group");
        }

        /**
         * Reads both lists until they hold still (a new member joins the org's default dynamic groups in the
         * background), so that the next reads are answered from what is kept.
         */
        void settle() throws InterruptedException {
            String previous = mine().prettify() + theirs().prettify();
            for (int attempt = 0; attempt < 50; attempt++) {
                Thread.sleep(100);
                String now = mine().prettify() + theirs().prettify();
                if (now.equals(previous)) {
                    return;
                }
                previous = now;
            }
            throw new AssertionError("the lists kept changing");
        }
    }
}
