package circles.adapter.in.rest.http;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.PostgresTestResource;
import circles.bootstrap.support.ServiceConnections;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyApiTest {

    @Test
    void a_repeated_create_with_the_same_key_replays_the_first_answer() {
        TestOrg org = TestOrg.create();
        String key = Ids.unique("key");
        Map<String, Object> body = Map.of("orgId", org.id, "name", Ids.unique("Once"), "type", "project",
                "visibility", "public");

        Response first = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");
        Response again = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");

        first.then().statusCode(201);
        again.then().statusCode(201);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.asString()).isEqualTo(first.asString());
        List<String> named = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", body.get("name"))
                .get("/v1/groups").then().extract().path("items.id");
        assertThat(named).hasSize(1);
    }

    @Test
    void the_same_key_with_another_body_is_refused() {
        TestOrg org = TestOrg.create();
        String key = Ids.unique("key");
        String bob = org.member();
        String carol = org.member();
        String group = org.group("organization");
        RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(List.of(Map.of("userId", bob)))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);

        RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(List.of(Map.of("userId", carol)))
                .post("/v1/groups/{groupId}/members", group)
                .then().statusCode(422).body("type", equalTo("https://circles.dev/problems/idempotency-key-reused"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", group, carol).then().statusCode(404);
    }

    @Test
    void a_caller_who_lost_access_to_the_org_gets_a_404_instead_of_the_replay() {
        TestOrg org = TestOrg.create();
        String formerAdmin = org.member("admin");
        String key = Ids.unique("key");
        Map<String, Object> body = Map.of("orgId", org.id, "name", Ids.unique("Before"), "type", "project",
                "visibility", "public");
        RestApi.as(formerAdmin).contentType(JSON).header("Idempotency-Key", key).body(body).post("/v1/groups")
                .then().statusCode(201);
        RestApi.as(org.admin).delete("/v1/orgs/{orgId}/members/{userId}", org.id, formerAdmin)
                .then().statusCode(204);

        Response replay = RestApi.as(formerAdmin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");

        replay.then().statusCode(404);
        assertThat(replay.header("Location")).isNull();
        assertThat(replay.asString()).doesNotContain((String) body.get("name"));
    }

    @Test
    void another_caller_sending_the_same_key_and_body_gets_a_create_of_their_own() {
        TestOrg org = TestOrg.create();
        String otherAdmin = org.member("admin");
        String key = Ids.unique("key");
        Map<String, Object> body = Map.of("orgId", org.id, "name", Ids.unique("Shared key"), "type", "project",
                "visibility", "public");
        Response first = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");
        first.then().statusCode(201);

        Response other = RestApi.as(otherAdmin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");

        // The name is taken by the first caller's group: the second caller's create really ran, it is no replay.
        other.then().statusCode(409);
        assertThat(other.header("Location")).isNull();
    }

    @Test
    void keys_belong_to_their_caller() {
        TestOrg org = TestOrg.create();
        String otherAdmin = org.member("admin");
        String key = Ids.unique("key");

        RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key)
                .body(Map.of("resourceType", "course", "resourceId", "mine"))
                .post("/v1/groups/{groupId}/assignments", org.group("organization")).then().statusCode(201);

        RestApi.as(otherAdmin).contentType(JSON).header("Idempotency-Key", key)
                .body(Map.of("resourceType", "course", "resourceId", "theirs"))
                .post("/v1/groups/{groupId}/assignments", org.group("organization")).then().statusCode(201);
    }

    @Test
    void eight_identical_creates_sent_at_once_make_one_group_and_all_get_its_answer() throws Exception {
        TestOrg org = TestOrg.create();
        String key = Ids.unique("key");
        String name = Ids.unique("Eight at once");
        Map<String, Object> body = Map.of("orgId", org.id, "name", name, "type", "project", "visibility", "public");
        RestApi.as(org.admin).get("/v1/me").then().statusCode(200);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<Response>> sent = new ArrayList<>();
        try (Connection admin = PostgresTestResource.superuserConnection()) {
            admin.setAutoCommit(false);
            // No group can be written while this lock is held: the first create stays inside its transaction until
            // all eight requests are in the database, waiting on the group table or on the key.
            try (Statement statement = admin.createStatement()) {
                statement.execute("lock table groups in share mode");
            }
            for (int i = 0; i < 8; i++) {
                sent.add(callers.submit(() -> RestApi.as(org.admin).contentType(JSON)
                        .header("Idempotency-Key", key).body(body).post("/v1/groups")));
            }
            ServiceConnections.awaitWaitingForLocks(8);
            admin.rollback();
        } finally {
            callers.shutdown();
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : sent) {
            answers.add(answer.get(30, TimeUnit.SECONDS));
        }

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.header("Location")).hasSize(8).containsOnly(
                answers.getFirst().header("Location"));
        assertThat(answers).extracting(Response::asString).containsOnly(answers.getFirst().asString());
        List<String> named = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", name)
                .get("/v1/groups").then().statusCode(200).extract().path("items.id");
        assertThat(named).hasSize(1);
    }

    @Test
    void a_create_and_its_key_commit_in_one_transaction() throws SQLException {
        TestOrg org = TestOrg.create();
        String key = Ids.unique("key");

        String group = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key)
                .body(Map.of("orgId", org.id, "name", Ids.unique("Together"), "type", "project",
                        "visibility", "public"))
                .post("/v1/groups").then().statusCode(201).extract().path("id");

        // A row's xmin is the transaction that wrote it.
        try (Connection admin = PostgresTestResource.superuserConnection()) {
            String createdBy = text(admin, "select xmin::text from groups where id = ?::uuid", group);
            String keptBy = text(admin, "select xmin::text from idempotency_keys where route = 'POST /v1/groups'"
                    + " and key = ?", key);
            assertThat(keptBy).isNotNull().isEqualTo(createdBy);
        }
    }

    @Test
    void a_create_whose_answer_cannot_be_stored_is_rolled_back_and_its_retry_creates_it_once() throws SQLException {
        TestOrg org = TestOrg.create();
        String key = Ids.unique("unstorable");
        String name = Ids.unique("Stored or not at all");
        Map<String, Object> body = Map.of("orgId", org.id, "name", name, "type", "project", "visibility", "public");
        String refusal = "refuse_" + key.replace('-', '_');
        try (Connection admin = PostgresTestResource.superuserConnection(); Statement ddl = admin.createStatement()) {
            // Storing this one key fails as a serialization failure would, after the group was written.
            ddl.execute("create function " + refusal + "() returns trigger language plpgsql as $$ begin"
                    + " raise exception 'refused' using errcode = '40001'; end $$");
            ddl.execute("create trigger " + refusal + " before insert on idempotency_keys for each row"
                    + " when (new.key = '" + key + "') execute function " + refusal + "()");
            try {
                RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body).post("/v1/groups")
                        .then().statusCode(503).contentType(RestApi.PROBLEM)
                        .header("Retry-After", "1")
                        .body("type", equalTo("https://circles.dev/problems/temporarily-unavailable"));
                assertThat(groupsNamed(org, name)).isEmpty();
            } finally {
                ddl.execute("drop trigger " + refusal + " on idempotency_keys");
                ddl.execute("drop function " + refusal + "()");
            }
        }

        Response created = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");
        Response replayed = RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/groups");

        created.then().statusCode(201);
        replayed.then().statusCode(201).header("Location", created.header("Location"));
        assertThat(groupsNamed(org, name)).hasSize(1);
    }

    private static List<String> groupsNamed(TestOrg org, String name) {
        return RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", name)
                .get("/v1/groups").then().statusCode(200).extract().path("items.id");
    }

    private static String text(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
