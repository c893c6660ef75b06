package circles.adapter.in.rest.membership;

import static circles.adapter.in.rest.dynamic.DynamicTestGroups.memberIn;
import static circles.adapter.in.rest.dynamic.DynamicTestGroups.moveTo;
import static circles.adapter.in.rest.dynamic.DynamicTestGroups.refresh;
import static circles.adapter.in.rest.dynamic.DynamicTestGroups.ruledBy;
import static circles.adapter.in.rest.dynamic.DynamicTestGroups.userIds;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The membership history of dynamic groups over HTTP: who joined or left, when and why
 * ({@code /membership-events}), and who was a member at a past time ({@code /members?at=}).
 */
@QuarkusTest
class MembershipHistoryApiTest {

    private TestOrg org;
    private String bob;
    private String carol;
    private String groupId;
    private Instant beforeCreation;
    private Instant afterCreation;
    private Instant afterRefresh;

    /**
     * Bob works in backend when the group "department is backend" is made; then Bob moves to sales and Carol to
     * backend: each move re-checks the one member at once (cause data_change), and a refresh afterwards finds
     * nothing left to change.
     */
    @BeforeEach
    void a_group_whose_members_changed_once() {
        org = TestOrg.create();
        bob = memberIn(org, "backend");
        carol = memberIn(org, "sales");
        beforeCreation = Instant.now();
        groupId = ruledBy(org, "backend");
        afterCreation = Instant.now();
        moveTo(org, bob, "sales");
        moveTo(org, carol, "backend");
        assertThat(eventually(Duration.ofSeconds(5), () -> userIds(RestApi.as(org.admin)
                .get("/v1/groups/{groupId}/members", groupId)).equals(List.of(carol)))).isTrue();
        refresh(org, groupId);
        afterRefresh = Instant.now();
    }

    private Response events(String caller, Map<String, ?> query) {
        return RestApi.as(caller).queryParams(query).get("/v1/groups/{groupId}/membership-events", groupId);
    }

    private static List<List<Object>> changes(Response page) {
        List<Map<String, Object>> items = page.then().statusCode(200).extract().path("items");
        return items.stream().map(item -> List.of(item.get("userId"), item.get("change"), item.get("cause")))
                .toList();
    }

    @Test
    void the_history_tells_who_joined_and_left_when_and_why_newest_first() {
        Response all = events(org.admin, Map.of());

        assertThat(changes(all)).containsExactly(
                List.of(carol, "added", "data_change"),
                List.of(bob, "removed", "data_change"),
                List.of(bob, "added", "rule_change"));
        all.then().body("nextCursor", equalTo(null))
                .body("items[0].groupId", equalTo(groupId));
        List<String> times = all.path("items.occurredAt");
        assertThat(Instant.parse(times.get(2))).isBetween(beforeCreation, afterCreation);
        assertThat(Instant.parse(times.get(0))).isBetween(afterCreation, afterRefresh);
        assertThat(Instant.parse(times.get(1))).isBetween(afterCreation, Instant.parse(times.get(0)));
    }

    @Test
    void the_history_is_narrowed_to_one_user_or_one_cause() {
        assertThat(changes(events(org.admin, Map.of("userId", bob)))).containsExactly(
                List.of(bob, "removed", "data_change"),
                List.of(bob, "added", "rule_change"));
        assertThat(changes(events(org.admin, Map.of("cause", "rule_change"))))
                .containsExactly(List.of(bob, "added", "rule_change"));
        assertThat(changes(events(org.admin, Map.of("userId", carol, "cause", "data_change"))))
                .containsExactly(List.of(carol, "added", "data_change"));
        assertThat(changes(events(org.admin, Map.of("cause", "manual_refresh")))).isEmpty();
        assertThat(changes(events(org.admin, Map.of("cause", "schedule")))).isEmpty();
        assertThat(changes(events(org.admin, Map.of("userId", "nobody-at-all")))).isEmpty();
    }

    @Test
    void the_history_is_read_page_by_page() {
        List<List<Object>> paged = new ArrayList<>();
        String cursor = null;
        do {
            Response page = cursor == null ? events(org.admin, Map.of("limit", 1))
                    : events(org.admin, Map.of("limit", 1, "cursor", cursor));
            paged.addAll(changes(page));
            cursor = page.path("nextCursor");
        } while (cursor != null);

        assertThat(paged).isEqualTo(changes(events(org.admin, Map.of())));
    }

    @Test
    void whoever_may_list_the_members_reads_the_history_and_nobody_else() {
        String plainMember = org.member();
        assertThat(changes(events(plainMember, Map.of()))).hasSize(3);
        assertThat(changes(events(bob, Map.of()))).hasSize(3);

        events(TestOrg.create().admin, Map.of()).then().statusCode(404);
        String secret = ruledBy(org, "backend", "private", Map.of());
        RestApi.as(carol).get("/v1/groups/{groupId}/membership-events", secret).then().statusCode(404);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/membership-events", secret).then().statusCode(200);
    }

    @Test
    void static_groups_keep_no_history_and_bad_filters_are_refused() {
        RestApi.as(org.admin).get("/v1/groups/{groupId}/membership-events", org.group("organization"))
                .then().statusCode(422).body("type", endsWith("/problems/group-not-dynamic"));
        RestApi.sloppy(org.admin).queryParam("cause", "whim")
                .get("/v1/groups/{groupId}/membership-events", groupId)
                .then().statusCode(400).body("errors[0].field", equalTo("cause"));
        RestApi.sloppy(org.admin).queryParam("cursor", "not-a-cursor")
                .get("/v1/groups/{groupId}/membership-events", groupId)
                .then().statusCode(400);
        RestApi.sloppy(org.admin).queryParam("limit", 0)
                .get("/v1/groups/{groupId}/membership-events", groupId)
                .then().statusCode(400);
    }

    @Test
    void the_members_at_a_past_time_come_from_the_history() {
        assertThat(userIds(membersAt(beforeCreation))).isEmpty();
        assertThat(userIds(membersAt(afterCreation))).containsExactly(bob);
        assertThat(userIds(membersAt(afterRefresh))).containsExactly(carol);
        assertThat(userIds(RestApi.as(org.admin).get("/v1/groups/{groupId}/members", groupId)))
                .containsExactly(carol);

        String bobJoined = events(org.admin, Map.of("userId", bob, "cause", "rule_change")).path("items[0].occurredAt");
        membersAt(afterCreation).then()
                .body("items[0].role", equalTo("member"))
                .body("items[0].status", equalTo("active"))
                .body("items[0].via", equalTo("dynamic"))
                .body("items[0].groupId", equalTo(groupId))
                .body("items[0].joinedAt", equalTo(bobJoined));
        RestApi.as(org.admin).queryParam("at", afterCreation.toString()).queryParam("role", "owner")
                .get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void the_members_at_a_time_are_read_page_by_page() {
        String dave = memberIn(org, "backend");
        refresh(org, groupId);
        Instant now = Instant.now();

        Response first = RestApi.as(org.admin).queryParam("at", now.toString()).queryParam("limit", 1)
                .get("/v1/groups/{groupId}/members", groupId);
        String cursor = first.path("nextCursor");
        Response second = RestApi.as(org.admin).queryParam("at", now.toString()).queryParam("limit", 1)
                .queryParam("cursor", cursor).get("/v1/groups/{groupId}/members", groupId);

        assertThat(List.of(userIds(first), userIds(second))).extracting(ids -> ids.size())
                .containsExactly(1, 1);
        assertThat(List.of(userIds(first).get(0), userIds(second).get(0)))
                .containsExactlyElementsOf(List.of(carol, dave).stream().sorted().toList());
        second.then().body("nextCursor", equalTo(null));
    }

    @Test
    void a_members_at_cursor_continues_only_its_own_group_and_time() {
        memberIn(org, "backend");
        refresh(org, groupId);
        String twin = ruledBy(org, "backend");
        Instant now = Instant.now();
        String cursor = RestApi.as(org.admin).queryParam("at", now.toString()).queryParam("limit", 1)
                .get("/v1/groups/{groupId}/members", groupId).then().statusCode(200).extract().path("nextCursor");
        assertThat(cursor).isNotNull();

        for (Response moved : List.of(
                pageAt(groupId, now.minusMillis(1), cursor),
                pageAt(groupId, afterRefresh, cursor),
                pageAt(twin, now, cursor),
                RestApi.as(org.admin).queryParam("limit", 1).queryParam("cursor", cursor)
                        .get("/v1/groups/{groupId}/members", groupId))) {
            moved.then().statusCode(400)
                    .body("type", equalTo("https://circles.dev/problems/invalid-cursor"))
                    .body("errors[0].field", equalTo("cursor"));
        }
        pageAt(groupId, now, cursor).then().statusCode(200);
    }

    private Response pageAt(String group, Instant at, String cursor) {
        return RestApi.as(org.admin).queryParam("at", at.toString()).queryParam("limit", 1)
                .queryParam("cursor", cursor).get("/v1/groups/{groupId}/members", group);
    }

    @Test
    void at_is_for_past_times_of_dynamic_groups() {
        RestApi.as(org.admin).queryParam("at", Instant.now().plus(1, ChronoUnit.HOURS).toString())
                .get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(422).body("errors[0].field", equalTo("at"));
        RestApi.as(org.admin).queryParam("at", afterCreation.toString())
                .get("/v1/groups/{groupId}/members", org.group("organization"))
                .then().statusCode(422)
                .body("type", endsWith("/problems/group-not-dynamic"))
                .body("errors[0].field", equalTo("at"));
        RestApi.sloppy(org.admin).queryParam("at", "last tuesday")
                .get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(400).body("errors[0].field", equalTo("at"));
        RestApi.as(TestOrg.create().admin).queryParam("at", afterCreation.toString())
                .get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(404);
    }

    private Response membersAt(Instant at) {
        return RestApi.as(org.admin).queryParam("at", at.toString()).get("/v1/groups/{groupId}/members", groupId);
    }
}
