package circles.adapter.in.rest.activity;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /v1/orgs/{orgId}/activity-events: per-event outcomes, idempotency, who may send, and lastLoginAt. */
@QuarkusTest
class ActivityIngestionApiTest {
    private static final String PATH = "/v1/orgs/{orgId}/activity-events";

    private static Map<String, Object> event(String eventId, String userId, String type, Instant at, Integer quantity) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("userId", userId);
        event.put("type", type);
        event.put("occurredAt", at == null ? null : at.toString());
        if (quantity != null) {
            event.put("quantity", quantity);
        }
        return event;
    }

    private static Instant ago(Duration duration) {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(duration);
    }

    private static Response send(String caller, TestOrg org, Object body) {
        return RestApi.sloppy(caller).contentType(JSON).body(body).post(PATH, org.id);
    }

    @Test
    void good_events_are_accepted_and_each_bad_one_is_reported_with_its_index_and_problems() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String tag = Ids.unique("e");
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(event(tag + "-0", bob, "lesson_progress", ago(Duration.ofHours(1)), 3));
        batch.add(event(tag + "-1", bob, "reading", ago(Duration.ofHours(1)), null));
        batch.add(event(tag + "-2", "nobody-" + tag, "login", ago(Duration.ofHours(1)), null));
        batch.add(event(tag + "-3", bob, "login", Instant.now().plus(Duration.ofMinutes(30)), null));
        batch.add(event(tag + "-4", bob, "credit_earned", ago(Duration.ofHours(1)), 0));
        batch.add(event(null, null, "message_sent", null, null));
        batch.add(event(tag + "-0", bob, "lesson_progress", ago(Duration.ofHours(2)), 1));
        batch.add(event(tag + "-7", bob, "message_sent", ago(Duration.ofMinutes(5)), 10_000));

        send(org.admin, org, batch).then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("rejected.index", equalTo(List.of(1, 2, 3, 4, 5)))
                .body("rejected.eventId", equalTo(java.util.Arrays.asList(tag + "-1", tag + "-2", tag + "-3",
                        tag + "-4", null)))
                .body("rejected[0].errors.field", equalTo(List.of("type")))
                .body("rejected[1].errors.field", equalTo(List.of("userId")))
                .body("rejected[1].detail", equalTo("userId is not a member of org " + org.id))
                .body("rejected[2].errors.field", equalTo(List.of("occurredAt")))
                .body("rejected[3].errors.field", equalTo(List.of("quantity")))
                .body("rejected[4].errors.field", equalTo(List.of("eventId", "userId", "occurredAt")));
    }

    @Test
    void a_nul_character_or_a_time_outside_years_1_to_9999_refuses_only_its_own_event() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String tag = Ids.unique("h");
        String hour = ago(Duration.ofHours(1)).toString();
        String body = """
                [{"eventId": "%1$s-0", "userId": "%2$s", "type": "login", "occurredAt": "%3$s"},
                 {"eventId": "%1$s-1\\u0000x", "userId": "%2$s", "type": "login", "occurredAt": "%3$s"},
                 {"eventId": "%1$s-2", "userId": "%2$s\\u0000", "type": "login", "occurredAt": "%3$s"},
                 {"eventId": "%1$s-3", "userId": "%2$s", "type": "log\\u0000in", "occurredAt": "%3$s"},
                 {"eventId": "%1$s-4", "userId": "%2$s", "type": "login", "occurredAt": "%3$s\\u0000"},
                 {"eventId": "%1$s-5", "userId": "%2$s", "type": "login", "occurredAt": "+10000-01-01T00:00:00Z"},
                 {"eventId": "%1$s-6", "userId": "%2$s", "type": "login", "occurredAt": "0000-12-31T23:59:59Z"},
                 {"eventId": "%1$s-7", "userId": "%2$s", "type": "login", "occurredAt": "-0001-01-01T00:00:00Z"},
                 {"eventId": "%1$s-8", "userId": "%2$s", "type": "login", "occurredAt": "+999999999-12-31T23:59:59Z"},
                 {"eventId": "%1$s-9", "userId": "%2$s", "type": "login", "occurredAt": "-1000000000-01-01T00:00:00Z"},
                 {"eventId": "%1$s-10", "userId": "%2$s", "type": "login", "occurredAt": "%3$s", "note\\u0000": 1}]"""
                .formatted(tag, bob, hour);

        Response answer = send(org.admin, org, body);

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        answer.then()
                .body("accepted", equalTo(2))
                .body("rejected.index", equalTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        List<String> fields = answer.jsonPath().getList("rejected.errors.field.flatten()", String.class);
        assertThat(fields).containsExactly("eventId", "userId", "type", "occurredAt", "occurredAt", "occurredAt",
                "occurredAt", "occurredAt", "occurredAt");
        assertThat(answer.jsonPath().getList("rejected[0..3].detail", String.class))
                .allSatisfy(detail -> assertThat(detail).contains("NUL character (U+0000)"));
        assertThat(answer.jsonPath().getList("rejected[4..8].detail", String.class))
                .allSatisfy(detail -> assertThat(detail).contains("years 0001 to 9999"));
    }

    @Test
    void sending_a_batch_again_stores_nothing_twice_and_counts_every_event_as_a_duplicate() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String tag = Ids.unique("e");
        List<Map<String, Object>> batch = List.of(
                event(tag + "-a", bob, "lesson_progress", ago(Duration.ofHours(3)), 2),
                event(tag + "-b", bob, "message_sent", ago(Duration.ofHours(2)), null));

        RestApi.as(org.admin).contentType(JSON).body(batch).post(PATH, org.id).then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(0)).body("rejected.size()", equalTo(0));
        RestApi.as(org.admin).contentType(JSON).body(batch).post(PATH, org.id).then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        // The same eventId in another org is another event.
        TestOrg other = TestOrg.create();
        String carol = other.member();
        RestApi.as(other.admin).contentType(JSON)
                .body(List.of(event(tag + "-a", carol, "lesson_progress", ago(Duration.ofHours(3)), 2)))
                .post(PATH, other.id).then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void org_admins_it_admins_platform_admins_and_the_activity_ingest_role_may_send_and_nobody_else() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String itAdmin = org.member("it_admin");
        String tag = Ids.unique("e");
        java.util.function.Function<String, List<Map<String, Object>>> one = id ->
                List.of(event(tag + "-" + id, bob, "streak_day", ago(Duration.ofHours(1)), null));

        RestApi.as(org.admin).contentType(JSON).body(one.apply("admin")).post(PATH, org.id)
                .then().statusCode(200).body("accepted", equalTo(1));
        RestApi.as(itAdmin).contentType(JSON).body(one.apply("it")).post(PATH, org.id)
                .then().statusCode(200).body("accepted", equalTo(1));
        RestApi.asPlatformAdmin().contentType(JSON).body(one.apply("platform")).post(PATH, org.id)
                .then().statusCode(200).body("accepted", equalTo(1));
        RestApi.withRoles(Ids.user("lms"), "activity-ingest").contentType(JSON).body(one.apply("service"))
                .post(PATH, org.id).then().statusCode(200).body("accepted", equalTo(1));

        RestApi.as(bob).contentType(JSON).body(one.apply("member")).post(PATH, org.id).then().statusCode(403);
        RestApi.as(Ids.user("stranger")).contentType(JSON).body(one.apply("stranger")).post(PATH, org.id)
                .then().statusCode(404);
        RestApi.as(TestOrg.create().admin).contentType(JSON).body(one.apply("other")).post(PATH, org.id)
                .then().statusCode(404);
        RestApi.withRoles(Ids.user("lms"), "activity-ingest").contentType(JSON).body(one.apply("nowhere"))
                .post(PATH, java.util.UUID.randomUUID().toString()).then().statusCode(404);
        RestApi.anonymous().contentType(JSON).body(one.apply("anonymous")).post(PATH, org.id).then().statusCode(401);
        // Refused calls stored nothing: their events are new when an admin sends them.
        RestApi.as(org.admin).contentType(JSON).body(List.of(one.apply("member").getFirst(),
                        one.apply("stranger").getFirst(), one.apply("other").getFirst()))
                .post(PATH, org.id).then().statusCode(200).body("accepted", equalTo(3));
    }

    @Test
    void a_login_event_moves_the_members_last_login_forward_but_never_back() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String tag = Ids.unique("e");
        Instant recent = ago(Duration.ofHours(1));

        RestApi.as(org.admin).contentType(JSON).body(List.of(
                        event(tag + "-1", bob, "login", recent, null),
                        event(tag + "-2", bob, "message_sent", ago(Duration.ofMinutes(1)), null)))
                .post(PATH, org.id).then().statusCode(200).body("accepted", equalTo(2));
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, bob).then().statusCode(200)
                .body("lastLoginAt", equalTo(recent.toString()));

        RestApi.as(org.admin).contentType(JSON).body(List.of(event(tag + "-3", bob, "login",
                        ago(Duration.ofDays(3)), null)))
                .post(PATH, org.id).then().statusCode(200).body("accepted", equalTo(1));
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, bob).then().statusCode(200)
                .body("lastLoginAt", equalTo(recent.toString()));
    }

    @Test
    void a_batch_of_ten_thousand_events_over_one_megabyte_is_taken_and_one_more_is_refused() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String tag = Ids.unique("bulk-event-with-a-long-identifier");
        Instant at = ago(Duration.ofHours(1));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(event(tag + "-" + i, bob, i % 2 == 0 ? "lesson_progress" : "message_sent", at, 1 + i % 5));
        }

        RestApi.as(org.admin).contentType(JSON).body(batch).post(PATH, org.id).then().statusCode(200)
                .body("accepted", equalTo(10_000)).body("duplicates", equalTo(0));
        batch.add(event(tag + "-extra", bob, "login", at, null));
        send(org.admin, org, batch).then().statusCode(422).body("type", endsWith("/problems/too-many-events"));
    }

    @Test
    void a_value_of_the_wrong_json_type_refuses_the_whole_batch_and_stores_nothing() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String tag = Ids.unique("e");
        Map<String, Object> good = event(tag + "-good", bob, "login", ago(Duration.ofHours(1)), null);
        Map<String, Object> bad = new HashMap<>(event(tag + "-bad", bob, "login", ago(Duration.ofHours(1)), null));
        bad.put("quantity", 1.5);

        send(org.admin, org, List.of(good, bad)).then().statusCode(400)
                .body("errors[0].field", equalTo("[1].quantity"));
        send(org.admin, org, Map.of("events", List.of(good))).then().statusCode(400);
        RestApi.as(org.admin).contentType(JSON).body(List.of(good)).post(PATH, org.id).then().statusCode(200)
                .body("accepted", equalTo(1));
    }

    @Test
    void one_audit_event_records_the_counts_of_a_call() {
        TestOrg org = TestOrg.create();
        String bob = org.member();
        String tag = Ids.unique("e");
        send(org.admin, org, List.of(
                event(tag + "-1", bob, "login", ago(Duration.ofHours(1)), null),
                event(tag + "-2", bob, "login", ago(Duration.ofHours(2)), null),
                event(tag + "-1", bob, "login", ago(Duration.ofHours(1)), null),
                event(tag + "-3", bob, "dancing", ago(Duration.ofHours(1)), null))).then().statusCode(200);

        List<Map<String, Object>> events = RestApi.as(org.admin).queryParam("action", "activity.ingested")
                .get("/v1/orgs/{orgId}/audit-events", org.id).then().statusCode(200).extract().path("items");
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("summary")).isEqualTo(Map.of("received", 4, "accepted", 2,
                "duplicates", 1, "rejected", 1));
    }
}
