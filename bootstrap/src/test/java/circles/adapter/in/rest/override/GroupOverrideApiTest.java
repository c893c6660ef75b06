package circles.adapter.in.rest.override;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.in.override.ExpireOverridesUseCase;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.membership.MembershipHistory.Change;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.bootstrap.support.DirectoryEventQueue;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The include and exclude lists of dynamic groups over HTTP: each change takes effect at once in the member listing,
 * explain and the history (cause override), precedence exclude > include > rule, and expired entries stop counting
 * once the expiry job has run.
 */
@QuarkusTest
class GroupOverrideApiTest {
    @Inject
    ExpireOverridesUseCase expireOverrides;
    @Inject
    MembershipHistory history;
    @Inject
    UnitOfWork unitOfWork;

    private static String memberIn(TestOrg org, String department) {
        String userId = Ids.user("ovr");
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("userId", userId, "role", "member", "department", department))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201);
        return userId;
    }

    /** A dynamic group of the org whose rule is "department equals {@code department}". */
    private static String dynamicGroup(TestOrg org, String department) {
        return org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom", "rule",
                        Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                                "value", department)))
                .then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> entry(String userId, String kind) {
        Map<String, Object> body = new HashMap<>();
        body.put("userId", userId);
        body.put("kind", kind);
        body.put("reason", "Covers the on-call rotation");
        return body;
    }

    private static String add(TestOrg org, String groupId, String userId, String kind) {
        return RestApi.as(org.admin).contentType(JSON).body(entry(userId, kind))
                .post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(201).extract().path("id");
    }

    private static List<String> members(TestOrg org, String groupId) {
        return RestApi.as(org.admin).queryParam("limit", 500).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().jsonPath().getList("items.userId", String.class);
    }

    private static String via(TestOrg org, String groupId, String userId) {
        List<Map<String, Object>> items = RestApi.as(org.admin).queryParam("limit", 500)
                .get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> userId.equals(item.get("userId"))).map(item -> (String) item.get("via"))
                .findFirst().orElse(null);
    }

    private List<MembershipHistory.Event> historyOf(TestOrg org, String groupId, String userId) {
        return unitOfWork.inTransaction(() -> history.events(new GroupId(UUID.fromString(groupId)),
                new OrgId(UUID.fromString(org.id)), new UserId(userId), PageRequest.first(100)).items());
    }

    @Test
    void an_include_puts_a_member_the_rule_leaves_out_into_the_group_at_once() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, "backend");
        assertThat(members(org, groupId)).containsExactly(bob);

        Response created = RestApi.as(org.admin).contentType(JSON).body(entry(carol, "include"))
                .post("/v1/groups/{groupId}/overrides", groupId);
        created.then().statusCode(201)
                .body("groupId", equalTo(groupId))
                .body("userId", equalTo(carol))
                .body("kind", equalTo("include"))
                .body("reason", equalTo("Covers the on-call rotation"))
                .body("expiresAt", nullValue())
                .body("createdBy", equalTo(org.admin));
        String overrideId = created.path("id");
        assertThat(created.header("Location")).endsWith("/v1/groups/" + groupId + "/overrides/" + overrideId);

        assertThat(members(org, groupId)).containsExactlyInAnyOrder(bob, carol);
        assertThat(via(org, groupId, carol)).isEqualTo("override");
        assertThat(via(org, groupId, bob)).isEqualTo("dynamic");
        RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                .body("memberCount", equalTo(2));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, carol)
                .then().statusCode(200)
                .body("member", equalTo(true))
                .body("reason", startsWith("included by an override"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/overrides/{overrideId}", groupId, overrideId)
                .then().statusCode(200).body("userId", equalTo(carol)).body("kind", equalTo("include"));
        assertThat(historyOf(org, groupId, carol)).singleElement().satisfies(event -> {
            assertThat(event.change()).isEqualTo(Change.ADDED);
            assertThat(event.cause()).isEqualTo(Cause.OVERRIDE);
        });
    }

    @Test
    void an_exclude_takes_a_matching_member_out_beats_an_include_and_removing_entries_restores_the_rule() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, "backend");

        String exclude = add(org, groupId, bob, "exclude");
        assertThat(members(org, groupId)).isEmpty();
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, bob)
                .then().statusCode(200)
                .body("member", equalTo(false))
                .body("reason", startsWith("excluded by an override"));

        String include = add(org, groupId, bob, "include");
        String includeCarol = add(org, groupId, carol, "include");
        assertThat(members(org, groupId)).containsExactly(carol);
        RestApi.as(org.admin).queryParam("kind", "exclude").get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(200).body("items.id", equalTo(List.of(exclude)));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(200).body("items.id", equalTo(List.of(exclude, include, includeCarol)))
                .body("nextCursor", nullValue());

        RestApi.as(org.admin).delete("/v1/groups/{groupId}/overrides/{overrideId}", groupId, exclude)
                .then().statusCode(204);
        assertThat(members(org, groupId)).containsExactlyInAnyOrder(bob, carol);
        assertThat(via(org, groupId, bob)).isEqualTo("dynamic");

        RestApi.as(org.admin).delete("/v1/groups/{groupId}/overrides/{overrideId}", groupId, include)
                .then().statusCode(204);
        RestApi.as(org.admin).delete("/v1/groups/{groupId}/overrides/{overrideId}", groupId, includeCarol)
                .then().statusCode(204);
        assertThat(members(org, groupId)).containsExactly(bob);
        RestApi.as(org.admin).delete("/v1/groups/{groupId}/overrides/{overrideId}", groupId, includeCarol)
                .then().statusCode(404);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(200).body("items", equalTo(List.of()));

        assertThat(historyOf(org, groupId, bob)).extracting(MembershipHistory.Event::change,
                MembershipHistory.Event::cause).containsExactly(
                tuple(Change.ADDED, Cause.OVERRIDE),
                tuple(Change.REMOVED, Cause.OVERRIDE),
                tuple(Change.ADDED, Cause.RULE_CHANGE));
        assertThat(historyOf(org, groupId, carol)).extracting(MembershipHistory.Event::cause)
                .containsExactly(Cause.OVERRIDE, Cause.OVERRIDE);
        List<String> actions = RestApi.as(org.admin).queryParam("limit", 500)
                .get("/v1/orgs/{orgId}/audit-events", org.id).then().statusCode(200)
                .extract().jsonPath().getList("items.action", String.class);
        assertThat(actions).filteredOn("group.override_added"::equals).hasSize(3);
        assertThat(actions).filteredOn("group.override_removed"::equals).hasSize(3);
    }

    @Test
    void expired_entries_stop_counting_once_the_expiry_job_has_run() throws InterruptedException {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend");
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, "backend");
        // The members' arrival is re-checked on other threads: done before the entries, it cannot overtake them.
        DirectoryEventQueue.awaitHandled(org.id);
        Instant soon = Instant.now().plus(3, ChronoUnit.SECONDS);
        Map<String, Object> expiring = entry(carol, "include");
        expiring.put("expiresAt", soon.toString());
        RestApi.as(org.admin).contentType(JSON).body(expiring).post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(201).body("expiresAt", equalTo(soon.truncatedTo(ChronoUnit.MICROS).toString()));
        Map<String, Object> excludeBob = entry(bob, "exclude");
        excludeBob.put("expiresAt", soon.toString());
        RestApi.as(org.admin).contentType(JSON).body(excludeBob).post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(201);
        assertThat(members(org, groupId)).containsExactly(carol);

        Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis()) + 300);
        assertThat(expireOverrides.expireOverrides().expiredEntries()).isGreaterThanOrEqualTo(2);

        assertThat(members(org, groupId)).containsExactly(bob);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(200).body("items", equalTo(List.of()));
        assertThat(historyOf(org, groupId, carol).getFirst()).satisfies(event -> {
            assertThat(event.change()).isEqualTo(Change.REMOVED);
            assertThat(event.cause()).isEqualTo(Cause.OVERRIDE);
        });
        assertThat(historyOf(org, groupId, bob).getFirst()).satisfies(event -> {
            assertThat(event.change()).isEqualTo(Change.ADDED);
            assertThat(event.cause()).isEqualTo(Cause.OVERRIDE);
        });
        List<String> actions = RestApi.as(org.admin).queryParam("limit", 500)
                .get("/v1/orgs/{orgId}/audit-events", org.id).then().statusCode(200)
                .extract().jsonPath().getList("items.action", String.class);
        assertThat(actions).filteredOn("group.override_expired"::equals).hasSize(2);
    }

    @Test
    void overrides_are_refused_where_they_make_no_sense() {
        TestOrg org = TestOrg.create();
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, "backend");
        String staticGroup = org.group("organization");

        RestApi.as(org.admin).contentType(JSON).body(entry(carol, "include"))
                .post("/v1/groups/{groupId}/overrides", staticGroup)
                .then().statusCode(422).body("type", endsWith("/problems/group-not-dynamic"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/overrides", staticGroup)
                .then().statusCode(422).body("type", endsWith("/problems/group-not-dynamic"));

        String stranger = TestOrg.create().member();
        RestApi.as(org.admin).contentType(JSON).body(entry(stranger, "include"))
                .post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(422).body("errors[0].field", equalTo("userId"));

        Map<String, Object> past = entry(carol, "include");
        past.put("expiresAt", Instant.now().minusSeconds(60).toString());
        RestApi.as(org.admin).contentType(JSON).body(past).post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(422).body("errors[0].field", equalTo("expiresAt"));

        Map<String, Object> wordy = entry(carol, "include");
        wordy.put("reason", "x".repeat(1001));
        RestApi.sloppy(org.admin).contentType(JSON).body(wordy).post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(422).body("errors[0].field", equalTo("reason"));
        RestApi.sloppy(org.admin).contentType(JSON).body(entry(carol, "maybe"))
                .post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(422).body("errors[0].field", equalTo("kind"));
        RestApi.sloppy(org.admin).contentType(JSON).body(Map.of("kind", "include"))
                .post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(422).body("errors[0].field", equalTo("userId"));
        RestApi.sloppy(org.admin).queryParam("kind", "maybe").get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(400);
        assertThat(members(org, groupId)).isEmpty();

        add(org, groupId, carol, "include");
        RestApi.as(org.admin).contentType(JSON).body(entry(carol, "include"))
                .post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(409).body("type", endsWith("/problems/override-exists"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void only_those_who_manage_the_group_see_its_overrides_and_other_orgs_see_nothing() {
        TestOrg org = TestOrg.create();
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, "backend");
        String overrideId = add(org, groupId, carol, "include");
        String plain = org.member();
        String otherAdmin = TestOrg.create().admin;

        RestApi.as(plain).get("/v1/groups/{groupId}/overrides", groupId).then().statusCode(403);
        RestApi.as(plain).get("/v1/groups/{groupId}/overrides/{overrideId}", groupId, overrideId)
                .then().statusCode(403);
        RestApi.as(plain).delete("/v1/groups/{groupId}/overrides/{overrideId}", groupId, overrideId)
                .then().statusCode(403);
        RestApi.as(otherAdmin).get("/v1/groups/{groupId}/overrides", groupId).then().statusCode(404);
        RestApi.as(otherAdmin).get("/v1/groups/{groupId}/overrides/{overrideId}", groupId, overrideId)
                .then().statusCode(404);
        RestApi.as(otherAdmin).delete("/v1/groups/{groupId}/overrides/{overrideId}", groupId, overrideId)
                .then().statusCode(404);
        RestApi.as(otherAdmin).contentType(JSON).body(entry(carol, "exclude"))
                .post("/v1/groups/{groupId}/overrides", groupId).then().statusCode(404);

        String otherGroup = dynamicGroup(org, "sales");
        RestApi.as(org.admin).get("/v1/groups/{groupId}/overrides/{overrideId}", otherGroup, overrideId)
                .then().statusCode(404);
        assertThat(members(org, groupId)).containsExactly(carol);
    }

    @Test
    void a_repeated_create_with_the_same_idempotency_key_adds_one_entry() {
        TestOrg org = TestOrg.create();
        String carol = memberIn(org, "sales");
        String groupId = dynamicGroup(org, "backend");
        String key = Ids.unique("override");

        String first = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key)
                .body(entry(carol, "include")).post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(201).extract().path("id");
        String again = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key)
                .body(entry(carol, "include")).post("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(201).extract().path("id");

        assertThat(again).isEqualTo(first);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(200).body("items.id", equalTo(List.of(first)));
    }

    @Test
    void the_lists_are_paged_oldest_first() {
        TestOrg org = TestOrg.create();
        String groupId = dynamicGroup(org, "backend");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(add(org, groupId, memberIn(org, "sales"), "include"));
        }

        Response first = RestApi.as(org.admin).queryParam("limit", 2).get("/v1/groups/{groupId}/overrides", groupId);
        first.then().statusCode(200).body("items.id", equalTo(ids.subList(0, 2)));
        String cursor = first.path("nextCursor");
        RestApi.as(org.admin).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(200).body("items.id", equalTo(ids.subList(2, 3))).body("nextCursor", nullValue());
        RestApi.sloppy(org.admin).queryParam("cursor", "not-a-cursor").get("/v1/groups/{groupId}/overrides", groupId)
                .then().statusCode(400);
    }
}
