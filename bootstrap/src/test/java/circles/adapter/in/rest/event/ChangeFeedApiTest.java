package circles.adapter.in.rest.event;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.adapter.in.rest.dynamic.DynamicTestGroups;
import circles.application.port.out.event.PublicEventLog;
import circles.domain.org.OrgId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static circles.adapter.in.rest.event.ChangeFeed.count;
import static circles.adapter.in.rest.event.ChangeFeed.data;
import static circles.adapter.in.rest.event.ChangeFeed.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * The change feed over HTTP: each kind of change publishes exactly the documented events, in order, with the data
 * integrators rely on; only the org's admins read it; cursors are the org's, signed and time-bound.
 */
@QuarkusTest
class ChangeFeedApiTest {
    private static final String ADDED = "circles.group.member.added";
    private static final String REMOVED = "circles.group.member.removed";

    @Inject
    PublicEventLog log;

    @Test
    void adding_someone_to_a_static_group_is_one_member_added_event_with_the_direct_membership() {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");
        String user = org.member();
        String cursor = ChangeFeed.now(org);

        org.addToGroup(group, user, "member");

        List<Map<String, Object>> events = ChangeFeed.await(org, cursor, Set.of(group, user),
                read -> count(read, ADDED) == 1);
        assertThat(types(events)).containsExactly(ADDED);
        Map<String, Object> event = events.getFirst();
        assertThat(event).containsEntry("specversion", "1.0").containsEntry("source", "/orgs/" + org.id)
                .containsEntry("subject", group).containsEntry("datacontenttype", "application/json");
        assertThat(data(event)).containsEntry("orgId", org.id).containsEntry("groupId", group)
                .containsEntry("userId", user).containsEntry("kind", "static").containsEntry("role", "member")
                .containsEntry("status", "active").containsEntry("via", "direct").containsEntry("viaKind", "direct")
                .containsEntry("viaGroupId", null);
    }

    @Test
    void moving_a_group_is_one_moved_event_with_its_old_and_new_parent() {
        TestOrg org = TestOrg.create();
        String parent = org.group("organization");
        String group = org.group("organization");
        String cursor = ChangeFeed.now(org);

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("parentId", parent))
                .patch("/v1/groups/{groupId}", group).then().statusCode(200);

        List<Map<String, Object>> events = ChangeFeed.await(org, cursor, Set.of(group, parent),
                read -> count(read, "circles.group.moved") == 1);
        assertThat(types(events)).containsExactly("circles.group.moved");
        assertThat(data(events.getFirst())).containsEntry("groupId", group).containsEntry("oldParentId", null)
                .containsEntry("newParentId", parent).containsEntry("parentId", parent);
    }

    @Test
    void a_profile_change_that_moves_someone_into_a_dynamic_group_is_a_member_change_and_a_computed_member() {
        TestOrg org = TestOrg.create();
        String user = DynamicTestGroups.memberIn(org, "sales");
        String group = DynamicTestGroups.ruledBy(org, "backend");
        String cursor = ChangeFeed.now(org);

        DynamicTestGroups.moveTo(org, user, "backend");

        List<Map<String, Object>> events = ChangeFeed.await(org, cursor, Set.of(group, user),
                read -> count(read, ADDED) == 1);
        assertThat(types(events)).containsExactly("circles.org.member.changed", ADDED);
        assertThat(data(events.get(0))).containsEntry("userId", user)
                .containsEntry("changedFields", List.of("department")).doesNotContainValue("backend");
        Map<String, Object> added = data(events.get(1));
        assertThat(added).containsEntry("groupId", group).containsEntry("userId", user)
                .containsEntry("kind", "dynamic").containsEntry("via", "dynamic").containsEntry("cause", "data_change");
        String evaluationId = (String) added.get("evaluationId");
        assertThat(UUID.fromString(evaluationId)).isNotNull();
        RestApi.as(org.admin).queryParam("evaluationId", evaluationId)
                .get("/v1/groups/{groupId}/membership-events", group)
                .then().statusCode(200)
                .body("items.userId", equalTo(List.of(user)))
                .body("items.evaluationId", equalTo(List.of(evaluationId)));
    }

    @Test
    void a_member_who_leaves_the_org_leaves_its_dynamic_groups_in_the_feed_too() {
        TestOrg org = TestOrg.create();
        String user = DynamicTestGroups.memberIn(org, "backend");
        String group = DynamicTestGroups.ruledBy(org, "backend");
        String cursor = ChangeFeed.now(org);

        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/members/{userId}", org.id, user).then().statusCode(204);

        List<Map<String, Object>> events = ChangeFeed.await(org, cursor, Set.of(group, user),
                read -> count(read, REMOVED) == 1 && count(read, "circles.org.member.removed") == 1);
        assertThat(types(events)).containsExactlyInAnyOrder("circles.org.member.removed", REMOVED);
        Map<String, Object> removed = data(events.stream().filter(e -> REMOVED.equals(e.get("type"))).findFirst()
                .orElseThrow());
        assertThat(removed).containsEntry("userId", user).containsEntry("groupId", group)
                .containsEntry("cause", "data_change").containsEntry("via", "dynamic");
        RestApi.as(org.admin).queryParam("evaluationId", removed.get("evaluationId"))
                .get("/v1/groups/{groupId}/membership-events", group)
                .then().statusCode(200).body("items.userId", equalTo(List.of(user)))
                .body("items.change", equalTo(List.of("removed")));
    }

    @Test
    void an_include_override_is_a_computed_member_added_through_the_override() {
        TestOrg org = TestOrg.create();
        String user = DynamicTestGroups.memberIn(org, "sales");
        String group = DynamicTestGroups.ruledBy(org, "backend");
        String cursor = ChangeFeed.now(org);

        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("userId", user, "kind", "include", "reason", "Covers the on-call rotation"))
                .post("/v1/groups/{groupId}/overrides", group).then().statusCode(201);

        List<Map<String, Object>> events = ChangeFeed.await(org, cursor, Set.of(group, user),
                read -> count(read, ADDED) == 1);
        assertThat(types(events)).containsExactly(ADDED);
        assertThat(data(events.getFirst())).containsEntry("userId", user).containsEntry("via", "override")
                .containsEntry("viaKind", "override").containsEntry("cause", "override")
                .containsKey("evaluationId");
    }

    @Test
    void a_rule_change_is_the_rule_event_then_the_members_it_changed_from_one_evaluation() {
        TestOrg org = TestOrg.create();
        String backend = DynamicTestGroups.memberIn(org, "backend");
        String sales = DynamicTestGroups.memberIn(org, "sales");
        String group = DynamicTestGroups.ruledBy(org, "backend");
        String etag = RestApi.as(org.admin).get("/v1/groups/{groupId}/rule", group).then().statusCode(200)
                .extract().header("ETag");
        String cursor = ChangeFeed.now(org);

        RestApi.as(org.admin).contentType(JSON).header("If-Match", etag)
                .body(Map.of("rule", DynamicTestGroups.department("sales")))
                .put("/v1/groups/{groupId}/rule", group).then().statusCode(200);

        List<Map<String, Object>> events = ChangeFeed.await(org, cursor, Set.of(group, backend, sales),
                read -> read.size() >= 3);
        assertThat(types(events).getFirst()).isEqualTo("circles.group.rule.changed");
        assertThat(types(events).subList(1, events.size())).containsExactlyInAnyOrder(ADDED, REMOVED);
        Map<String, Object> rule = data(events.getFirst());
        assertThat(rule).containsEntry("groupId", group);
        assertThat(rule.get("oldRule").toString()).contains("backend");
        assertThat(rule.get("newRule").toString()).contains("sales");
        Map<String, Object> removed = data(events.stream().filter(e -> REMOVED.equals(e.get("type"))).findFirst()
                .orElseThrow());
        Map<String, Object> added = data(events.stream().filter(e -> ADDED.equals(e.get("type"))).findFirst()
                .orElseThrow());
        assertThat(removed).containsEntry("userId", backend).containsEntry("cause", "rule_change");
        assertThat(added).containsEntry("userId", sales).containsEntry("cause", "rule_change");
        assertThat(added.get("evaluationId")).isEqualTo(removed.get("evaluationId"));
    }

    @Test
    void deleting_a_group_with_a_subgroup_is_one_deleted_event_per_group_and_none_per_member() {
        TestOrg org = TestOrg.create();
        String parent = org.group("organization");
        String child = org.subgroup(parent, "organization");
        org.addToGroup(child, org.member(), "member");
        org.addToGroup(parent, org.member(), "member");
        String cursor = ChangeFeed.now(org);

        RestApi.as(org.admin).queryParam("cascade", true).delete("/v1/groups/{groupId}", parent)
                .then().statusCode(204);

        List<Map<String, Object>> events = ChangeFeed.await(org, cursor, Set.of(parent, child),
                read -> count(read, "circles.group.deleted") == 2);
        assertThat(types(events)).containsExactly("circles.group.deleted", "circles.group.deleted");
        assertThat(events).extracting(event -> event.get("subject")).containsExactly(child, parent);
    }

    @Test
    void the_types_filter_keeps_only_the_named_types_and_refuses_unknown_ones() {
        TestOrg org = TestOrg.create();
        String cursor = ChangeFeed.now(org);
        String group = org.group("organization");
        String user = org.member();
        org.addToGroup(group, user, "member");
        ChangeFeed.await(org, cursor, Set.of(group), read -> count(read, ADDED) == 1);

        ChangeFeed.Read created = ChangeFeed.all(org, cursor, "circles.group.created", 10);
        assertThat(types(created.events())).containsExactly("circles.group.created");
        ChangeFeed.Read both = ChangeFeed.all(org, cursor, "circles.group.created, " + ADDED, 10);
        assertThat(types(both.events())).containsOnly("circles.group.created", ADDED);
        assertThat(types(ChangeFeed.about(both.events(), Set.of(group))))
                .containsExactly("circles.group.created", ADDED);
        assertThat(types(ChangeFeed.all(org, cursor, "circles.org.member.added", 10).events()))
                .containsExactly("circles.org.member.added");

        RestApi.sloppy(org.admin).queryParam("types", "circles.group.created,circles.group.exploded")
                .get(ChangeFeed.PATH, org.id).then().statusCode(400).body("type", endsWith("/invalid-input"));
    }

    @Test
    void reading_page_by_page_from_the_start_gives_every_event_once_in_order() {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");
        for (int i = 0; i < 3; i++) {
            org.addToGroup(group, org.member(), "member");
        }
        ChangeFeed.await(org, null, Set.of(group), read -> count(read, ADDED) == 3);

        List<Map<String, Object>> atOnce = ChangeFeed.all(org, null, null, 100).events();
        List<Map<String, Object>> oneByOne = ChangeFeed.all(org, null, null, 1).events();

        // Read later, one by one: the same events in the same order, and at most some that arrived since.
        assertThat(oneByOne).startsWith(atOnce.toArray(Map[]::new));
        assertThat(oneByOne).extracting(event -> event.get("id")).doesNotHaveDuplicates();
        assertThat(types(oneByOne)).startsWith("circles.org.member.added").contains("circles.group.created");
        assertThat(count(ChangeFeed.about(oneByOne, Set.of(group)), ADDED)).isEqualTo(3);
    }

    @Test
    void another_orgs_admin_cannot_read_the_feed_nor_use_its_cursor_and_members_are_refused() {
        TestOrg orgA = TestOrg.create();
        TestOrg orgB = TestOrg.create();
        String cursorA = ChangeFeed.now(orgA);
        orgA.group("organization");

        RestApi.as(orgB.admin).get(ChangeFeed.PATH, orgA.id).then().statusCode(404);
        RestApi.as(orgB.admin).queryParam("after", cursorA).get(ChangeFeed.PATH, orgA.id).then().statusCode(404);
        RestApi.as(orgA.member()).get(ChangeFeed.PATH, orgA.id).then().statusCode(403);
        RestApi.sloppy(orgB.admin).queryParam("after", cursorA).get(ChangeFeed.PATH, orgB.id)
                .then().statusCode(400).body("type", endsWith("/invalid-cursor"));
        assertThat(ChangeFeed.all(orgB, null, null, 100).events()).allSatisfy(event ->
                assertThat(event.get("source")).isEqualTo("/orgs/" + orgB.id));
    }

    @Test
    void a_changed_cursor_is_400_and_one_older_than_the_retention_is_410() {
        TestOrg org = TestOrg.create();
        String cursor = ChangeFeed.now(org);
        String changed = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("AA") ? "BB" : "AA");
        String expired = log.cursor(new OrgId(UUID.fromString(org.id)), new PublicEventLog.FeedPosition(1, 1,
                Instant.now().minus(8, ChronoUnit.DAYS)));

        RestApi.sloppy(org.admin).queryParam("after", changed).get(ChangeFeed.PATH, org.id)
                .then().statusCode(400).body("type", endsWith("/invalid-cursor"));
        RestApi.as(org.admin).queryParam("after", expired).get(ChangeFeed.PATH, org.id)
                .then().statusCode(410).body("type", endsWith("/cursor-expired"));
    }
}
