package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.dynamic.DynamicTestGroups.memberIn;
import static circles.adapter.in.rest.dynamic.DynamicTestGroups.ruledBy;
import static circles.adapter.in.rest.dynamic.DynamicTestGroups.userIds;
import static circles.adapter.in.rest.RestApi.JSON;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.UnitOfWork;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The computed members of dynamic groups wherever memberships are read: one member of the group, a user's groups
 * (their own and an org admin's view of them), and the effective members, member count and assignments of a static
 * group with a dynamic subgroup.
 */
@QuarkusTest
class DynamicMembershipReadsApiTest {

    @Inject
    UnitOfWork tx;
    @Inject
    DynamicMembersStore dynamicMembers;

    /** The groups of a "my groups" list, by group id. */
    /**
     * The org's default group No Logins, once {@code users} (never active) are in it: every member of an org is
     * re-checked against it on arrival, so it is among their groups too.
     */
    private static String noLogins(TestOrg org, String... users) {
        String noLogins = org.presetGroup("no_logins");
        for (String user : users) {
            assertThat(eventually(Duration.ofSeconds(5), () -> RestApi.as(user).get("/v1/me/groups")
                    .<List<String>>path("items.group.id").contains(noLogins))).isTrue();
        }
        return noLogins;
    }

    private static Map<String, Map<String, Object>> byGroup(Response page) {
        List<Map<String, Object>> items = page.then().statusCode(200).extract().path("items");
        Map<String, Map<String, Object>> result = new HashMap<>();
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> group = (Map<String, Object>) item.get("group");
            result.put((String) group.get("id"), item);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object groupField(Map<String, Object> item, String field) {
        return ((Map<String, Object>) item.get("group")).get(field);
    }

    @Test
    void a_computed_member_of_a_dynamic_group_is_answered_as_an_active_plain_member() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = ruledBy(org, "backend");
        String joined = RestApi.as(org.admin).queryParam("userId", bob)
                .get("/v1/groups/{groupId}/membership-events", groupId).path("items[0].occurredAt");

        Response bobInGroup = RestApi.as(org.member()).get("/v1/groups/{groupId}/members/{userId}", groupId, bob);
        bobInGroup.then().statusCode(200)
                .header("ETag", notNullValue())
                .body("groupId", equalTo(groupId))
                .body("userId", equalTo(bob))
                .body("role", equalTo("member"))
                .body("status", equalTo("active"))
                .body("via", equalTo("dynamic"))
                .body("viaKind", equalTo("dynamic"))
                .body("viaGroupId", equalTo(null))
                .body("joinedAt", equalTo(joined))
                .body("invitedBy", equalTo(null))
                .body("permissions", equalTo(List.of()));

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", groupId, carol).then().statusCode(404);
        RestApi.as(TestOrg.create().admin).get("/v1/groups/{groupId}/members/{userId}", groupId, bob)
                .then().statusCode(404);
    }

    @Test
    void a_member_put_in_by_an_include_override_is_answered_as_such() {
        TestOrg org = TestOrg.create();
        memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = ruledBy(org, "backend");
        tx.run(() -> dynamicMembers.applyOne(new GroupId(UUID.fromString(groupId)), new OrgId(UUID.fromString(org.id)),
                new UserId(carol), DynamicMembersStore.Via.INCLUDE, MembershipHistory.Cause.OVERRIDE, Instant.now()));

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", groupId, carol)
                .then().statusCode(200).body("via", equalTo("override")).body("viaKind", equalTo("override"))
                .body("viaGroupId", equalTo(null));
        assertThat(byGroup(RestApi.as(carol).get("/v1/me/groups")).get(groupId))
                .containsEntry("via", "override").containsEntry("viaKind", "override").containsEntry("viaGroupId", null)
                .containsEntry("role", null);
    }

    @Test
    void my_groups_show_the_dynamic_groups_i_am_a_computed_member_of() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String dynamic = ruledBy(org, "backend", "organization", Map.of("name", Ids.unique("B dynamic")));
        String privateDynamic = ruledBy(org, "backend", "private", Map.of("name", Ids.unique("C dynamic")));
        String staticGroup = org.group("organization", Map.of("name", Ids.unique("A static")));
        org.addToGroup(staticGroup, bob, "moderator");
        String noLogins = noLogins(org, bob, carol);

        Response mine = RestApi.as(bob).get("/v1/me/groups");

        Map<String, Map<String, Object>> groups = byGroup(mine);
        assertThat(groups).containsOnlyKeys(staticGroup, dynamic, privateDynamic, noLogins);
        assertThat(groups.get(dynamic)).containsEntry("direct", true).containsEntry("role", null)
                .containsEntry("status", "active").containsEntry("via", "dynamic");
        assertThat(groupField(groups.get(dynamic), "kind")).isEqualTo("dynamic");
        assertThat(groups.get(privateDynamic)).containsEntry("via", "dynamic");
        assertThat(groups.get(staticGroup)).containsEntry("role", "moderator").containsEntry("via", "direct");
        assertThat(groupField(groups.get(staticGroup), "kind")).isEqualTo("static");
        List<String> names = mine.path("items.group.name");
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);

        assertThat(byGroup(RestApi.as(carol).get("/v1/me/groups"))).containsOnlyKeys(noLogins);
        assertThat(byGroup(RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, bob)))
                .containsOnlyKeys(staticGroup, dynamic, privateDynamic, noLogins);
        assertThat(byGroup(RestApi.as(bob).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, bob))
                .get(dynamic)).containsEntry("via", "dynamic");
    }

    @Test
    void my_groups_are_read_page_by_page_across_static_and_dynamic_groups() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add(ruledBy(org, "backend"));
            String staticGroup = org.group("organization");
            org.addToGroup(staticGroup, bob, "member");
            expected.add(staticGroup);
        }
        expected.add(noLogins(org, bob));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Response page = cursor == null ? RestApi.as(bob).queryParam("limit", 2).get("/v1/me/groups")
                    : RestApi.as(bob).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/me/groups");
            paged.addAll(page.then().statusCode(200).extract().<List<String>>path("items.group.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);

        assertThat(paged).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
    }

    @Test
    void computed_members_of_a_dynamic_subgroup_are_effective_members_of_its_static_ancestors() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String parent = org.group("organization");
        org.addToGroup(parent, carol, "member");
        String dynamic = ruledBy(org, "backend", "organization", Map.of("parentId", parent));

        Response effective = RestApi.as(org.admin).queryParam("view", "effective")
                .get("/v1/groups/{groupId}/members", parent);
        assertThat(userIds(effective)).containsExactlyElementsOf(List.of(bob, carol).stream().sorted().toList());
        List<Map<String, Object>> items = effective.path("items");
        assertThat(items).filteredOn(item -> bob.equals(item.get("userId"))).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("via", "subgroup:" + dynamic)
                        .containsEntry("role", "member").containsEntry("status", "active")
                        .containsEntry("groupId", parent));
        assertThat(userIds(RestApi.as(org.admin).get("/v1/groups/{groupId}/members", parent)))
                .containsExactly(carol);
        RestApi.as(org.admin).get("/v1/groups/{groupId}", parent).then().statusCode(200)
                .body("memberCount", equalTo(2));

        assertThat(byGroup(RestApi.as(bob).get("/v1/me/groups")).get(parent))
                .containsEntry("direct", false).containsEntry("role", null)
                .containsEntry("via", "subgroup:" + dynamic);

        String assignment = RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("resourceType", "course", "resourceId", Ids.unique("course")))
                .post("/v1/groups/{groupId}/assignments", parent).then().statusCode(201).extract().path("id");
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}/assignments", org.id, bob)
                .then().statusCode(200)
                .body("items.assignment.id", equalTo(List.of(assignment)))
                .body("items[0].viaGroupIds", equalTo(List.of(dynamic)));

        String readsParent = ruledBy(org, "nowhere", "organization", Map.of());
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("criterion", "member_of", "groupId", parent)))
                .put("/v1/groups/{groupId}/rule", readsParent).then().statusCode(200);
        assertThat(userIds(RestApi.as(org.admin).get("/v1/groups/{groupId}/members", readsParent)))
                .containsExactlyElementsOf(List.of(bob, carol).stream().sorted().toList());
    }

    @Test
    void a_dynamic_subgroup_cannot_read_the_members_of_a_group_that_holds_it() {
        TestOrg org = TestOrg.create();
        memberIn(org, "backend");
        String parent = org.group("organization");
        String dynamic = ruledBy(org, "backend", "organization", Map.of("parentId", parent));
        Map<String, Object> readsParent = Map.of("criterion", "member_of", "groupId", parent);

        RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", readsParent))
                .put("/v1/groups/{groupId}/rule", dynamic)
                .then().statusCode(422).body("errors[0].field", equalTo("rule"));
        org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom", "parentId", parent,
                "rule", readsParent)).then().statusCode(422);
        String grandParent = org.group("organization");
        RestApi.as(org.admin).contentType(RestApi.MERGE_PATCH).body(Map.of("parentId", grandParent))
                .patch("/v1/groups/{groupId}", parent).then().statusCode(200);
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("criterion", "member_of", "groupId", grandParent)))
                .put("/v1/groups/{groupId}/rule", dynamic)
                .then().statusCode(422);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/rule", dynamic).then().statusCode(200)
                .body("rule.criterion", equalTo("attribute"));
    }

    @Test
    void a_dynamic_group_is_not_reached_through_a_static_subgroup() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "sales");
        String dynamic = ruledBy(org, "backend");
        String child = org.subgroup(dynamic, "organization");
        org.addToGroup(child, bob, "member");
        String noLogins = noLogins(org, bob);

        assertThat(byGroup(RestApi.as(bob).get("/v1/me/groups"))).containsOnlyKeys(child, noLogins);
        assertThat(userIds(RestApi.as(org.admin).queryParam("view", "effective")
                .get("/v1/groups/{groupId}/members", dynamic))).isEmpty();
    }
}
