package circles.adapter.in.rest.group;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * memberCount is the number of active effective members at the time of the read, whether it comes from the count
 * a group keeps (no subgroups, no member with a validity window) or is counted at read time (the others).
 */
@QuarkusTest
class MemberCountApiTest {

    @Test
    void the_count_follows_members_added_approved_suspended_and_removed() {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");
        String first = org.member();
        String second = org.member();
        String waiting = org.member();
        org.addToGroup(group, first, "member");
        org.addToGroup(group, second, "admin");
        addWithStatus(org, group, waiting, "pending");

        assertThat(count(org, group)).isEqualTo(2);
        assertThat(countInList(org, group)).isEqualTo(2);

        patchMember(org, group, waiting, Map.of("status", "active"));
        assertThat(count(org, group)).isEqualTo(3);

        patchMember(org, group, second, Map.of("status", "suspended"));
        assertThat(count(org, group)).isEqualTo(2);

        RestApi.as(org.admin).delete("/v1/groups/{groupId}/members/{userId}", group, first).then().statusCode(204);
        assertThat(count(org, group)).isEqualTo(1);
        assertThat(countInList(org, group)).isEqualTo(1);
    }

    @Test
    void a_member_whose_window_ends_stops_counting_without_any_write() throws InterruptedException {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");
        String lasting = org.member();
        String leaving = org.member();
        String later = org.member();
        org.addToGroup(group, lasting, "member");
        Instant end = Instant.now().plus(3, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        addWithWindow(org, group, leaving, Map.of("validUntil", end.toString()));
        addWithWindow(org, group, later, Map.of("validFrom", "2099-01-01T00:00:00Z"));

        assertThat(countInList(org, group)).isEqualTo(2);
        while (Instant.now().isBefore(end.plusMillis(200))) {
            Thread.sleep(100);
        }

        assertThat(countInList(org, group)).isEqualTo(1);
        assertThat(count(org, group)).isEqualTo(1);
    }

    @Test
    void a_window_that_no_longer_applies_makes_the_kept_count_exact_again() {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");
        String member = org.member();
        addWithWindow(org, group, member, Map.of("validFrom", "2099-01-01T00:00:00Z"));
        assertThat(count(org, group)).isZero();

        patchMember(org, group, member, Map.of("validFrom", "2020-01-01T00:00:00Z"));
        assertThat(count(org, group)).isEqualTo(1);
    }

    @Test
    void members_of_subgroups_count_once_in_every_ancestor() {
        TestOrg org = TestOrg.create();
        String parent = org.group("organization");
        String child = org.subgroup(parent, "organization");
        String grandchild = org.subgroup(child, "organization");
        String both = org.member();
        String deep = org.member();
        org.addToGroup(parent, both, "member");
        org.addToGroup(child, both, "member");
        org.addToGroup(grandchild, deep, "member");

        assertThat(count(org, parent)).isEqualTo(2);
        assertThat(count(org, child)).isEqualTo(2);
        assertThat(count(org, grandchild)).isEqualTo(1);
        assertThat(countInList(org, parent)).isEqualTo(2);
    }

    @Test
    void a_member_who_leaves_the_org_leaves_every_count() {
        TestOrg org = TestOrg.create();
        String first = org.group("organization");
        String second = org.group("public");
        String member = org.member();
        org.addToGroup(first, member, "member");
        org.addToGroup(second, member, "owner");
        assertThat(count(org, first)).isEqualTo(1);

        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/members/{userId}", org.id, member).then().statusCode(204);

        assertThat(count(org, first)).isZero();
        assertThat(count(org, second)).isZero();
    }

    @Test
    void a_standalone_group_counts_its_creator() {
        String owner = circles.adapter.in.rest.Ids.user("owner");
        String group = RestApi.as(owner).contentType(JSON)
                .body(Map.of("name", circles.adapter.in.rest.Ids.unique("Club"), "type", "standalone",
                        "visibility", "private"))
                .post("/v1/groups").then().statusCode(201).extract().path("id");

        assertThat(RestApi.as(owner).get("/v1/groups/{groupId}", group).<Integer>path("memberCount")).isEqualTo(1);
    }

    private static long count(TestOrg org, String group) {
        return RestApi.as(org.admin).get("/v1/groups/{groupId}", group).then().statusCode(200)
                .extract().<Integer>path("memberCount").longValue();
    }

    private static long countInList(TestOrg org, String group) {
        List<Map<String, Object>> items = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("limit", 500)
                .get("/v1/groups").then().statusCode(200).extract().path("items");
        return items.stream().filter(item -> group.equals(item.get("id"))).findFirst()
                .map(item -> ((Number) item.get("memberCount")).longValue()).orElseThrow();
    }

    private static void addWithStatus(TestOrg org, String group, String user, String status) {
        RestApi.as(org.admin).contentType(JSON).body(List.of(Map.of("userId", user, "status", status)))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);
    }

    private static void addWithWindow(TestOrg org, String group, String user, Map<String, Object> window) {
        Map<String, Object> entry = new java.util.HashMap<>(window);
        entry.put("userId", user);
        RestApi.as(org.admin).contentType(JSON).body(List.of(entry))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);
    }

    private static void patchMember(TestOrg org, String group, String user, Map<String, Object> patch) {
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(patch)
                .patch("/v1/groups/{groupId}/members/{userId}", group, user).then().statusCode(200);
    }
}
