package circles.adapter.in.rest.group;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GroupApiTest {

    @Test
    void an_org_admin_creates_a_group_they_own_without_being_a_member() {
        TestOrg org = TestOrg.create();

        Response created = org.createGroup("public", Map.of(
                "description", "Builds the platform",
                "color", "#6B46C1",
                "settings", Map.of("requireApproval", true),
                "metadata", Map.of("jiraProject", "PLAT")));

        created.then().statusCode(201)
                .body("orgId", equalTo(org.id))
                .body("type", equalTo("project"))
                .body("kind", equalTo("static"))
                .body("visibility", equalTo("public"))
                .body("status", equalTo("active"))
                .body("ownerId", equalTo(org.admin))
                .body("parentId", nullValue())
                .body("settings.requireApproval", equalTo(true))
                .body("settings.allowMemberInvites", equalTo(false))
                .body("settings.notificationDefaults.enabled", equalTo(true))
                .body("metadata.jiraProject", equalTo("PLAT"))
                .body("memberCount", equalTo(0));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/v1/groups/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"" + created.path("version") + "\"");
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members", id).then().body("items", empty());
    }

    @Test
    void anyone_signed_in_creates_a_standalone_group_and_becomes_its_owner_member() {
        String creator = Ids.user("loner");

        Response created = RestApi.as(creator)
                .contentType(JSON)
                .body(Map.of("name", Ids.unique("Book Club"), "type", "standalone", "visibility", "public"))
                .post("/v1/groups");

        created.then().statusCode(201).body("orgId", nullValue()).body("ownerId", equalTo(creator))
                .body("memberCount", equalTo(1));
        RestApi.as(creator).get("/v1/groups/{groupId}/members/{userId}", created.path("id"), creator)
                .then().statusCode(200).body("role", equalTo("owner")).body("status", equalTo("active"));
    }

    @Test
    void plain_org_members_may_not_create_org_groups() {
        TestOrg org = TestOrg.create();
        String member = org.member();

        RestApi.as(member)
                .contentType(JSON)
                .body(Map.of("orgId", org.id, "name", Ids.unique("Mine"), "type", "project", "visibility", "public"))
                .post("/v1/groups")
                .then().statusCode(403);
    }

    @Test
    void a_group_name_is_unique_in_its_org_whatever_its_case() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String name = Ids.unique("Platform Team");
        org.createGroup("public", Map.of("name", name)).then().statusCode(201);

        org.createGroup("public", Map.of("name", name.toUpperCase())).then().statusCode(409)
                .body("type", equalTo("https://circles.dev/problems/group-name-taken"));
        other.createGroup("public", Map.of("name", name)).then().statusCode(201);
    }

    @Test
    void groups_are_listed_with_filters() {
        TestOrg org = TestOrg.create();
        List<String> defaults = defaultGroupIds(org);
        String member = org.member();
        String project = org.group("public");
        String department = org.group("organization", Map.of("type", "department"));
        String secret = org.group("private");
        String archived = org.group("public");
        String child = org.subgroup(project, "public");
        RestApi.as(org.admin).post("/v1/groups/{groupId}/archive", archived).then().statusCode(200);
        org.addToGroup(department, member, "member");

        assertThat(groupIds(org.admin, Map.of("orgId", org.id)))
                .containsExactlyInAnyOrderElementsOf(with(defaults, project, department, secret, archived, child));
        assertThat(groupIds(org.admin, Map.of("orgId", org.id, "type", "department"))).containsExactly(department);
        assertThat(groupIds(org.admin, Map.of("orgId", org.id, "visibility", "private")))
                .containsExactlyInAnyOrderElementsOf(with(defaults, secret));
        assertThat(groupIds(org.admin, Map.of("orgId", org.id, "kind", "dynamic")))
                .containsExactlyInAnyOrderElementsOf(defaults);
        assertThat(groupIds(org.admin, Map.of("orgId", org.id, "status", "archived"))).containsExactly(archived);
        assertThat(groupIds(org.admin, Map.of("orgId", org.id, "parentId", project))).containsExactly(child);
        assertThat(groupIds(org.admin, Map.of("orgId", org.id, "kind", "static"))).hasSize(5);
        assertThat(groupIds(member, Map.of("orgId", org.id))).doesNotContain(secret);
        assertThat(groupIds(member, Map.of("orgId", org.id, "membership", "mine"))).containsExactly(department);
        assertThat(groupIds(member, Map.of("orgId", org.id, "membership", "joinable")))
                .containsExactlyInAnyOrder(project, child);
    }

    @Test
    void the_text_filter_matches_name_or_slug_without_regard_to_case() {
        TestOrg org = TestOrg.create();
        String marker = Ids.unique("Zebra");
        String named = org.group("public", Map.of("name", marker + " Crossing"));
        org.group("public");

        assertThat(groupIds(org.admin, Map.of("orgId", org.id, "q", marker.toLowerCase()))).containsExactly(named);
    }

    @Test
    void a_list_for_an_org_the_caller_cannot_see_is_empty() {
        TestOrg org = TestOrg.create();
        org.group("public");
        TestOrg other = TestOrg.create();

        assertThat(groupIds(other.admin, Map.of("orgId", org.id))).isEmpty();
    }

    @Test
    void groups_are_sorted_by_name_or_creation_and_a_cursor_walks_the_whole_list_once() {
        TestOrg org = TestOrg.create();
        List<String> defaults = defaultGroupIds(org);
        List<String> names = List.of("delta", "Alpha", "charlie", "Echo", "bravo");
        List<String> created = new ArrayList<>();
        for (String name : names) {
            created.add(org.group("public", Map.of("name", name)));
        }

        List<Map<String, Object>> byName = walk(org, "name", 2);
        assertThat(byName).extracting(group -> (String) group.get("name"))
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER)
                .containsExactlyInAnyOrderElementsOf(with(DEFAULT_GROUP_NAMES, names.toArray(String[]::new)));
        List<Map<String, Object>> byNameDesc = walk(org, "-name", 3);
        assertThat(byNameDesc).extracting(group -> (String) group.get("name"))
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER.reversed());
        List<Map<String, Object>> byCreation = walk(org, "createdAt", 1);
        List<String> idsByCreation = byCreation.stream().map(group -> (String) group.get("id")).toList();
        // The default groups were created with the org, before any other.
        assertThat(idsByCreation.subList(0, 5)).containsExactlyInAnyOrderElementsOf(defaults);
        assertThat(idsByCreation.subList(5, idsByCreation.size())).containsExactlyElementsOf(created);
        List<Map<String, Object>> newestFirst = walk(org, "-createdAt", 4);
        assertThat(newestFirst).extracting(group -> Instant.parse((String) group.get("createdAt")))
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void a_read_carries_the_etag_that_a_conditional_update_must_match() {
        TestOrg org = TestOrg.create();
        String id = org.group("public");
        String etag = RestApi.as(org.admin).get("/v1/groups/{groupId}", id).then().statusCode(200)
                .extract().header("ETag");

        Response updated = RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .header("If-Match", etag)
                .body(Map.of("description", "Now described"))
                .patch("/v1/groups/{groupId}", id);
        updated.then().statusCode(200).body("description", equalTo("Now described"));
        assertThat(updated.header("ETag")).isNotEqualTo(etag);

        RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .header("If-Match", etag)
                .body(Map.of("description", "Lost update"))
                .patch("/v1/groups/{groupId}", id)
                .then().statusCode(412).contentType(RestApi.PROBLEM);
        RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .header("If-Match", "W/" + updated.header("ETag"))
                .body(Map.of("description", "Weak tags match too"))
                .patch("/v1/groups/{groupId}", id)
                .then().statusCode(200);
        RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .header("If-Match", "not-a-tag")
                .body(Map.of("description", "x"))
                .patch("/v1/groups/{groupId}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
    }

    @Test
    void a_merge_patch_merges_settings_and_metadata_and_null_clears() {
        TestOrg org = TestOrg.create();
        String id = org.group("public", Map.of(
                "description", "Old",
                "settings", Map.of("requireApproval", true, "allowMemberInvites", true),
                "metadata", Map.of("keep", "me", "drop", "me", "nested", Map.of("a", 1, "b", 2))));
        Map<String, Object> patch = new HashMap<>();
        patch.put("description", null);
        patch.put("settings", Map.of("requireApproval", false));
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("drop", null);
        metadata.put("nested", new HashMap<>(Map.of("b", 3)));
        metadata.put("added", true);
        patch.put("metadata", metadata);

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(patch).patch("/v1/groups/{groupId}", id)
                .then().statusCode(200)
                .body("description", nullValue())
                .body("settings.requireApproval", equalTo(false))
                .body("settings.allowMemberInvites", equalTo(true))
                .body("metadata", equalTo(Map.of("keep", "me", "nested", Map.of("a", 1, "b", 3), "added", true)));

        Map<String, Object> clear = new HashMap<>();
        clear.put("metadata", null);
        RestApi.as(org.admin).contentType(JSON).body(clear).patch("/v1/groups/{groupId}", id)
                .then().statusCode(200).body("metadata", equalTo(Map.of()));
    }

    @Test
    void metadata_is_bounded_to_16_kib() {
        TestOrg org = TestOrg.create();

        org.createGroup("public", Map.of("metadata", Map.of("blob", "x".repeat(17 * 1024))))
                .then().statusCode(422).body("errors[0].field", equalTo("metadata"));
        org.createGroup("public", Map.of("metadata", Map.of("blob", "x".repeat(15 * 1024))))
                .then().statusCode(201);
    }

    @Test
    void archiving_and_unarchiving_switch_the_status() {
        TestOrg org = TestOrg.create();
        String id = org.group("public");
        String member = org.member();

        Response archived = RestApi.as(org.admin).post("/v1/groups/{groupId}/archive", id);
        archived.then().statusCode(200).body("status", equalTo("archived"));
        assertThat(archived.header("ETag")).isEqualTo("\"" + archived.path("version") + "\"");
        RestApi.as(member).post("/v1/groups/{groupId}/join", id).then().statusCode(422);

        RestApi.as(org.admin).post("/v1/groups/{groupId}/unarchive", id)
                .then().statusCode(200).body("status", equalTo("active"));
        RestApi.as(member).post("/v1/groups/{groupId}/join", id).then().statusCode(201);
    }

    @Test
    void a_group_with_subgroups_is_deleted_only_with_cascade() {
        TestOrg org = TestOrg.create();
        String parent = org.group("public");
        String child = org.subgroup(parent, "public");
        String grandchild = org.subgroup(child, "public");

        RestApi.as(org.admin).delete("/v1/groups/{groupId}", parent)
                .then().statusCode(409).body("type", equalTo("https://circles.dev/problems/group-has-subgroups"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}", parent).then().statusCode(200);

        RestApi.as(org.admin).queryParam("cascade", true).delete("/v1/groups/{groupId}", parent)
                .then().statusCode(204);
        for (String gone : List.of(parent, child, grandchild)) {
            RestApi.as(org.admin).get("/v1/groups/{groupId}", gone).then().statusCode(404);
        }
    }

    @Test
    void a_group_without_subgroups_is_deleted() {
        TestOrg org = TestOrg.create();
        String id = org.group("public");

        RestApi.as(org.admin).delete("/v1/groups/{groupId}", id).then().statusCode(204);
        RestApi.as(org.admin).get("/v1/groups/{groupId}", id).then().statusCode(404);
    }

    @Test
    void the_hierarchy_shows_ancestors_root_first_and_the_whole_subtree() {
        TestOrg org = TestOrg.create();
        String root = org.group("public");
        String middle = org.subgroup(root, "public");
        String leaf = org.subgroup(middle, "public");
        String sibling = org.subgroup(root, "public");

        RestApi.as(org.admin).get("/v1/groups/{groupId}/hierarchy", leaf).then().statusCode(200)
                .body("ancestors.id", equalTo(List.of(root, middle)))
                .body("group.id", equalTo(leaf))
                .body("children", empty());
        Response fromRoot = RestApi.as(org.admin).get("/v1/groups/{groupId}/hierarchy", root);
        fromRoot.then().statusCode(200).body("ancestors", empty()).body("group.parentId", nullValue());
        List<String> children = fromRoot.path("children.group.id");
        assertThat(children).containsExactlyInAnyOrder(middle, sibling);
        List<List<String>> grandchildren = fromRoot.path("children.children.group.id");
        assertThat(grandchildren).flatExtracting(list -> list).containsExactly(leaf);

        assertThat(RestApi.as(org.admin).get("/v1/groups/{groupId}/subgroups", root)
                .then().statusCode(200).extract().<List<String>>path("items.id"))
                .containsExactlyInAnyOrder(middle, sibling);
    }

    @Test
    void nesting_refuses_cycles() {
        TestOrg org = TestOrg.create();
        String root = org.group("public");
        String child = org.subgroup(root, "public");

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("parentId", child))
                .patch("/v1/groups/{groupId}", root)
                .then().statusCode(422).body("errors[0].field", equalTo("parentId"));
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("parentId", root))
                .patch("/v1/groups/{groupId}", root)
                .then().statusCode(422);
    }

    @Test
    void nesting_stops_at_ten_levels() {
        TestOrg org = TestOrg.create();
        String parent = org.group("public");
        for (int level = 2; level <= 10; level++) {
            parent = org.subgroup(parent, "public");
        }

        org.createGroup("public", Map.of("parentId", parent))
                .then().statusCode(422).body("errors[0].field", equalTo("parentId"));
    }

    @Test
    void a_private_group_does_not_exist_for_org_members_outside_it() {
        TestOrg org = TestOrg.create();
        String outsider = org.member();
        String insider = org.member();
        String secret = org.group("private");
        org.addToGroup(secret, insider, "member");

        RestApi.as(outsider).get("/v1/groups/{groupId}", secret).then().statusCode(404);
        RestApi.as(insider).get("/v1/groups/{groupId}", secret).then().statusCode(200);
        RestApi.as(org.admin).get("/v1/groups/{groupId}", secret).then().statusCode(200);
    }

    @Test
    void another_orgs_group_does_not_exist() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String visible = org.group("public");

        RestApi.as(other.admin).get("/v1/groups/{groupId}", visible).then().statusCode(404);
        RestApi.as(other.admin).contentType(MERGE_PATCH).body(Map.of("name", "Mine now"))
                .patch("/v1/groups/{groupId}", visible).then().statusCode(404);
    }

    private static final List<String> DEFAULT_GROUP_NAMES = List.of("Recent Logins", "No Logins", "Most Active",
            "Top Learners", "Most Talkative");

    /** The ids of the five default groups every org is created with. */
    private static List<String> defaultGroupIds(TestOrg org) {
        List<Map<String, Object>> items = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("limit", 500)
                .get("/v1/groups").then().statusCode(200).extract().path("items");
        List<String> ids = items.stream().filter(group -> group.get("preset") != null)
                .map(group -> (String) group.get("id")).toList();
        assertThat(ids).hasSize(5);
        return ids;
    }

    private static List<String> with(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static List<String> groupIds(String caller, Map<String, String> query) {
        return RestApi.as(caller).queryParams(query).queryParam("limit", 500).get("/v1/groups")
                .then().statusCode(200).extract().path("items.id");
    }

    /** Every group of the org, page by page; fails on a repeated group. */
    private static List<Map<String, Object>> walk(TestOrg org, String sort, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("sort", sort)
                    .queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/groups");
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.path("items");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            all.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(all).extracting(group -> group.get("id")).doesNotHaveDuplicates();
        return all;
    }
}
