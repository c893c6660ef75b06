package circles.adapter.in.rest.group;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The lists of a user's groups and of groups carry an ETag of their content: the same content answers 304 to
 * If-None-Match, and every change that shows in the list gives it a new tag.
 */
@QuarkusTest
class ListETagApiTest {

    @Test
    void an_unchanged_list_answers_304_without_a_body() throws InterruptedException {
        TestOrg org = TestOrg.create();
        String member = org.member();
        org.addToGroup(org.group("organization"), member, "member");
        String tag = settledTag(() -> RestApi.as(member).get("/v1/me/groups"));
        assertThat(tag).matches("\"[0-9a-f]{32}\"");

        Response again = RestApi.as(member).header("If-None-Match", tag).get("/v1/me/groups");

        again.then().statusCode(304).header("ETag", tag);
        assertThat(again.asByteArray()).isEmpty();
        RestApi.as(member).header("If-None-Match", "W/" + tag + ", \"other\"").get("/v1/me/groups")
                .then().statusCode(304);
        RestApi.as(member).header("If-None-Match", "\"other\"").get("/v1/me/groups").then().statusCode(200)
                .header("ETag", tag);
        RestApi.as(org.admin).header("If-None-Match", tag)
                .get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, member).then().statusCode(304);
    }

    @Test
    void a_membership_added_or_removed_changes_the_tag() throws InterruptedException {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        Supplier<Response> mine = () -> RestApi.as(member).get("/v1/me/groups");
        String before = settledTag(mine);

        org.addToGroup(group, member, "member");
        String added = assertChanged(mine, before);

        RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", group, member).then().statusCode(204);
        assertChanged(mine, added);
    }

    @Test
    void a_group_renamed_or_its_visibility_changed_changes_the_tag() throws InterruptedException {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("organization");
        org.addToGroup(group, member, "member");
        Supplier<Response> mine = () -> RestApi.as(member).get("/v1/me/groups");
        Supplier<Response> page = () -> RestApi.as(org.admin).queryParam("orgId", org.id)
                .queryParam("kind", "static").get("/v1/groups");
        String mineBefore = settledTag(mine);
        String pageBefore = settledTag(page);

        patchGroup(org, group, Map.of("name", "Renamed " + org.slug));
        String mineRenamed = assertChanged(mine, mineBefore);
        String pageRenamed = assertChanged(page, pageBefore);

        patchGroup(org, group, Map.of("visibility", "private"));
        assertChanged(mine, mineRenamed);
        assertChanged(page, pageRenamed);
    }

    @Test
    void a_member_suspended_in_the_org_gets_a_new_tag() throws InterruptedException {
        TestOrg org = TestOrg.create();
        String member = org.member();
        org.addToGroup(org.group("organization"), member, "member");
        Supplier<Response> mine = () -> RestApi.as(member).get("/v1/me/groups");
        String before = settledTag(mine);

        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "suspended"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, member).then().statusCode(200);

        assertChanged(mine, before);
        assertThat(RestApi.as(member).get("/v1/me/groups").<List<?>>path("items")).isEmpty();
    }

    @Test
    void a_validity_window_ending_changes_the_tag_without_any_write() throws InterruptedException {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");
        String member = org.member();
        Instant end = Instant.now().plus(3, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", member, "validUntil", end.toString())))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);
        Supplier<Response> page = () -> RestApi.as(org.admin).queryParam("orgId", org.id)
                .queryParam("kind", "static").get("/v1/groups");
        String before = settledTag(page);
        // The org's static groups only: its default groups are dynamic and evaluated in the background.
        assertThat(RestApi.as(org.admin).header("If-None-Match", before).queryParam("orgId", org.id)
                .queryParam("kind", "static").get("/v1/groups").statusCode()).isEqualTo(304);

        while (Instant.now().isBefore(end.plusMillis(200))) {
            Thread.sleep(100);
        }

        assertChanged(page, before);
    }

    private static String tagOf(Supplier<Response> list) {
        return list.get().then().statusCode(200).extract().header("ETag");
    }

    /**
     * The tag once the list holds still: a new org member joins the org's default (dynamic) groups in the
     * background, so the first reads may see that arrive.
     */
    private static String settledTag(Supplier<Response> list) throws InterruptedException {
        String previous = tagOf(list);
        for (int attempt = 0; attempt < 50; attempt++) {
            Thread.sleep(100);
            String now = tagOf(list);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("the list kept changing");
    }

    /** The list answers 200 with a tag other than {@code before}: a client holding the old content gets the new. */
    private static String assertChanged(Supplier<Response> list, String before) {
        String now = tagOf(list);
        assertThat(now).isNotEqualTo(before);
        return now;
    }

    private static void patchGroup(TestOrg org, String group, Map<String, Object> patch) {
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(patch).patch("/v1/groups/{groupId}", group)
                .then().statusCode(200);
    }
}
