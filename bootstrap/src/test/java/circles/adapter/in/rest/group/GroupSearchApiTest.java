package circles.adapter.in.rest.group;

import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text filter of the group list ({@code q}): a case-insensitive substring of the name, the slug or the
 * description, with no wildcard of its own, in the list's order, page by page, and never beyond the caller's reach.
 * Each result is compared with the same filter applied by hand to the unfiltered list.
 */
@QuarkusTest
class GroupSearchApiTest {

    @Test
    void a_search_finds_exactly_the_groups_whose_name_slug_or_description_contain_the_text_in_name_order() {
        TestOrg org = TestOrg.create();
        String marker = Ids.unique("Kestrel").toLowerCase(Locale.ROOT);
        org.group("public", Map.of("name", marker + " North"));
        org.group("organization", Map.of("name", "Falcon " + marker));
        org.group("private", Map.of("name", Ids.unique("Owl"), "description", "Nests with the " + marker + " pair"));
        org.group("public", Map.of("name", Ids.unique("Hawk"), "slug", marker + "-slug"));
        org.group("public", Map.of("name", Ids.unique("Heron")));

        for (String text : List.of(marker, marker.toUpperCase(Locale.ROOT), marker.substring(0, 9), "north " + marker,
                "falcon", "nests with", "-slug", "zz-" + marker, "e", "ow", " o")) {
            assertThat(search(org.admin, org.id, text, 500)).as("q=%s", text)
                    .containsExactlyElementsOf(byHand(org.admin, org.id, text));
        }
        assertThat(search(org.admin, org.id, marker, 500)).hasSize(4);
    }

    @Test
    void percent_underscore_and_backslash_in_the_text_match_only_themselves() {
        TestOrg org = TestOrg.create();
        String marker = Ids.unique("Lynx");
        String percent = org.group("public", Map.of("name", marker + " 50% off"));
        org.group("public", Map.of("name", marker + " 50x off"));
        String underscore = org.group("public", Map.of("name", marker + " a_b"));
        org.group("public", Map.of("name", marker + " axb"));
        String backslash = org.group("public", Map.of("name", marker + " back\\slash"));
        org.group("public", Map.of("name", marker + " backslash"));

        assertThat(search(org.admin, org.id, "50% off", 100)).containsExactly(percent);
        assertThat(search(org.admin, org.id, "0%", 100)).containsExactly(percent);
        assertThat(search(org.admin, org.id, "%", 100)).containsExactly(percent);
        assertThat(search(org.admin, org.id, " a_b", 100)).containsExactly(underscore);
        assertThat(search(org.admin, org.id, "_", 100)).containsExactly(underscore);
        assertThat(search(org.admin, org.id, "k\\s", 100)).containsExactly(backslash);
        assertThat(search(org.admin, org.id, "\\", 100)).containsExactly(backslash);
        assertThat(search(org.admin, org.id, "%_\\", 100)).isEmpty();
    }

    @Test
    void letters_beyond_ascii_match_in_either_case() {
        TestOrg org = TestOrg.create();
        String marker = Ids.unique("Ärzte");
        String doctors = org.group("public", Map.of("name", marker + " Über Café", "description", "Équipe médicale"));
        org.group("public", Map.of("name", Ids.unique("Arzte Uber Cafe")));

        assertThat(search(org.admin, org.id, marker.toLowerCase(Locale.ROOT), 100)).containsExactly(doctors);
        assertThat(search(org.admin, org.id, "ÜBER CAFÉ", 100)).containsExactly(doctors);
        assertThat(search(org.admin, org.id, "über", 100)).containsExactly(doctors);
        assertThat(search(org.admin, org.id, "équipe méd", 100)).containsExactly(doctors);
        assertThat(search(org.admin, org.id, "é", 100)).containsExactly(doctors);
    }

    @Test
    void a_text_of_one_or_two_characters_is_matched_like_any_other() {
        TestOrg org = TestOrg.create();
        org.group("public", Map.of("name", Ids.unique("Q7")));
        org.group("public", Map.of("name", Ids.unique("Pier"), "description", "Has q7 inside"));
        org.group("public", Map.of("name", Ids.unique("Quay")));

        for (String text : List.of("q", "Q7", "q7", "7", "y")) {
            List<String> found = search(org.admin, org.id, text, 500);
            assertThat(found).as("q=%s", text).containsExactlyElementsOf(byHand(org.admin, org.id, text));
            assertThat(found).as("q=%s", text).isNotEmpty();
        }
    }

    @Test
    void a_search_without_a_match_is_an_empty_page() {
        TestOrg org = TestOrg.create();
        org.group("public", Map.of("name", Ids.unique("Badger")));

        Response page = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", Ids.unique("nothing"))
                .get("/v1/groups");

        page.then().statusCode(200);
        assertThat(page.<List<Object>>path("items")).isEmpty();
        assertThat(page.<String>path("nextCursor")).isNull();
    }

    @Test
    void a_cursor_walks_a_search_once_in_name_order_with_each_groups_member_count() {
        TestOrg org = TestOrg.create();
        String marker = Ids.unique("Otter");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(org.group("public", Map.of("name", marker + " " + (char) ('g' - i))));
        }
        org.addToGroup(expected.get(3), org.member(), "member");
        org.group("public", Map.of("name", Ids.unique("Beaver")));
        List<String> inNameOrder = expected.reversed();

        List<Map<String, Object>> walked = new ArrayList<>();
        String cursor = null;
        do {
            var request = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", marker)
                    .queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/groups");
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.path("items");
            assertThat(items.size()).isLessThanOrEqualTo(3);
            walked.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);

        assertThat(walked).extracting(group -> group.get("id")).containsExactlyElementsOf(inNameOrder);
        assertThat(walked).extracting(group -> group.get("memberCount"))
                .containsExactly(0, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void a_text_many_groups_hold_pages_the_same_whether_the_page_is_small_or_large() {
        TestOrg org = TestOrg.create();
        String marker = Ids.unique("Vixen");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(org.group("public", Map.of("name", marker + " " + (char) ('y' - i))));
        }
        List<String> inNameOrder = expected.reversed();

        // A page of one row is narrowed to at most 20 candidates: 25 groups hold the text, so the list order is read.
        assertThat(walk(org, marker, 1)).containsExactlyElementsOf(inNameOrder);
        assertThat(walk(org, marker, 7)).containsExactlyElementsOf(inNameOrder);
        assertThat(walk(org, marker, 100)).containsExactlyElementsOf(inNameOrder);
    }

    @Test
    void a_renamed_group_is_found_by_its_new_texts_only_and_a_deleted_one_not_at_all() {
        TestOrg org = TestOrg.create();
        String before = Ids.unique("Mole");
        String after = Ids.unique("Vole");
        String group = org.group("public", Map.of("name", before));
        String etag = RestApi.as(org.admin).get("/v1/groups/{groupId}", group).then().statusCode(200)
                .extract().header("ETag");

        RestApi.as(org.admin).contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("name", after, "description", "Digs " + before + " tunnels no more"))
                .patch("/v1/groups/{groupId}", group).then().statusCode(200);

        assertThat(search(org.admin, org.id, after, 100)).containsExactly(group);
        assertThat(search(org.admin, org.id, "digs " + before, 100)).containsExactly(group);
        assertThat(search(org.admin, org.id, before + " tunnels", 100)).containsExactly(group);

        RestApi.as(org.admin).delete("/v1/groups/{groupId}", group).then().statusCode(204);
        assertThat(search(org.admin, org.id, after, 100)).isEmpty();
    }

    @Test
    void a_standalone_group_is_found_everywhere_by_its_current_name_only() {
        String creator = Ids.user("reader");
        String before = Ids.unique("Book Club");
        String after = Ids.unique("Poetry Circle");
        Response created = RestApi.as(creator).contentType(RestApi.JSON)
                .body(Map.of("name", before, "type", "standalone", "visibility", "public")).post("/v1/groups");
        created.then().statusCode(201);
        String club = created.path("id");
        assertThat(searchEverywhere(creator, before)).containsExactly(club);

        RestApi.as(creator).contentType(MERGE_PATCH).header("If-Match", created.header("ETag"))
                .body(Map.of("name", after)).patch("/v1/groups/{groupId}", club).then().statusCode(200);
        assertThat(searchEverywhere(creator, after)).containsExactly(club);
        assertThat(searchEverywhere(creator, before)).isEmpty();

        RestApi.as(creator).delete("/v1/groups/{groupId}", club).then().statusCode(204);
        assertThat(searchEverywhere(creator, after)).isEmpty();
    }

    @Test
    void a_search_never_returns_another_orgs_groups_even_when_their_names_match() {
        TestOrg orgA = TestOrg.create();
        TestOrg orgB = TestOrg.create();
        String marker = Ids.unique("Stoat");
        String ofA = orgA.group("public", Map.of("name", marker + " A"));
        String secretOfB = orgB.group("private", Map.of("name", marker + " B"));
        String publicOfB = orgB.group("public", Map.of("name", marker + " B public"));

        assertThat(search(orgA.admin, orgA.id, marker, 100)).containsExactly(ofA);
        assertThat(search(orgB.admin, orgB.id, marker, 100)).containsExactly(secretOfB, publicOfB);
        assertThat(search(orgA.admin, orgB.id, marker, 100)).isEmpty();
        assertThat(searchEverywhere(orgA.admin, marker)).containsExactly(ofA);
        // A text shaped to rewrite the statement or the org setting is only ever a text to look for.
        for (String attempt : List.of(marker + "' or true or '", marker + "%' or org_id is not null --",
                "'; select set_config('circles.scope', 'all', false); --", "%", "_")) {
            assertThat(search(orgA.admin, orgA.id, attempt, 100)).as("q=%s", attempt).doesNotContain(secretOfB,
                    publicOfB);
            assertThat(searchEverywhere(orgA.admin, attempt)).as("q=%s", attempt).doesNotContain(secretOfB,
                    publicOfB);
        }
        assertThat(search(orgA.admin, orgA.id, marker, 100)).containsExactly(ofA);
    }

    @Test
    void a_member_searches_only_among_the_groups_they_can_see() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String marker = Ids.unique("Weasel");
        String open = org.group("organization", Map.of("name", marker + " open"));
        org.group("private", Map.of("name", marker + " hidden"));
        String joined = org.group("private", Map.of("name", marker + " joined"));
        org.addToGroup(joined, member, "member");

        assertThat(search(member, org.id, marker, 100)).containsExactly(joined, open);
        assertThat(search(member, org.id, marker, 100)).containsExactlyElementsOf(byHand(member, org.id, marker));
    }

    private static List<String> walk(TestOrg org, String text, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", text)
                    .queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/groups");
            page.then().statusCode(200);
            List<String> items = page.path("items.id");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            ids.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static List<String> search(String caller, String orgId, String text, int limit) {
        return RestApi.as(caller).queryParam("orgId", orgId).queryParam("q", text).queryParam("limit", limit)
                .get("/v1/groups").then().statusCode(200).extract().path("items.id");
    }

    private static List<String> searchEverywhere(String caller, String text) {
        return RestApi.as(caller).queryParam("q", text).queryParam("limit", 500)
                .get("/v1/groups").then().statusCode(200).extract().path("items.id");
    }

    /** The ids of the caller's view of the org whose name, slug or description contains the text, in list order. */
    private static List<String> byHand(String caller, String orgId, String text) {
        String needle = text.strip().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> all = RestApi.as(caller).queryParam("orgId", orgId).queryParam("limit", 500)
                .get("/v1/groups").then().statusCode(200).extract().path("items");
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> group : all) {
            Map<String, Object> texts = new HashMap<>(group);
            if (lower(texts.get("name")).contains(needle) || String.valueOf(texts.get("slug")).contains(needle)
                    || lower(texts.get("description")).contains(needle)) {
                ids.add((String) group.get("id"));
            }
        }
        return ids;
    }

    private static String lower(Object value) {
        return value == null ? "" : value.toString().toLowerCase(Locale.ROOT);
    }
}
