package circles.adapter.in.rest.problem;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.PostgresTestResource;
import circles.bootstrap.support.ServiceConnections;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database drops the service's connections (a restart, a failover, an operator): requests answer 503 with
 * {@code Retry-After} or succeed, never 500, and creates retried with their {@code Idempotency-Key} are made once.
 */
@QuarkusTest
class TransientFailuresApiTest {
    private static final int RETRIES = 40;

    @Inject
    AgroalDataSource pool;

    @AfterEach
    void renewTheConnections() {
        ServiceConnections.renew(pool);
    }

    @Test
    void after_the_database_ended_the_services_sessions_requests_answer_503_with_retry_after_until_they_succeed() {
        TestOrg org = TestOrg.create();
        RestApi.as(org.admin).get("/v1/orgs/{orgId}", org.id).then().statusCode(200);

        assertThat(ServiceConnections.terminate()).isPositive();
        List<Integer> statuses = new ArrayList<>();
        Response answer;
        do {
            answer = RestApi.as(org.admin).get("/v1/orgs/{orgId}", org.id);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 503) {
                assertRetryLater(answer);
            }
        } while (answer.statusCode() != 200 && statuses.size() < RETRIES);

        // The pool handed out a connection whose session had ended: that request could not be answered.
        assertThat(statuses.getFirst()).isEqualTo(503);
        assertThat(statuses).containsOnly(503, 200).endsWith(200);
    }

    @Test
    void creates_whose_sessions_end_in_a_burst_answer_201_or_503_and_their_retries_make_each_group_once()
            throws Exception {
        TestOrg org = TestOrg.create();
        RestApi.as(org.admin).get("/v1/me").then().statusCode(200);
        int creates = 40;
        Map<String, Map<String, Object>> bodies = new HashMap<>();
        for (int i = 0; i < creates; i++) {
            bodies.put(Ids.unique("burst-key"), Map.of("orgId", org.id, "name", Ids.unique("Burst " + i),
                    "type", "project", "visibility", "public"));
        }
        Map<String, Integer> firstAnswers = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger terminations = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            Future<?> terminator = threads.submit(() -> {
                while (sending.get()) {
                    terminations.addAndGet(ServiceConnections.terminateNow());
                    sleep(100);
                }
            });
            List<Future<?>> senders = new ArrayList<>();
            List<String> keys = List.copyOf(bodies.keySet());
            for (int thread = 0; thread < 4; thread++) {
                List<String> mine = keys.subList(thread * creates / 4, (thread + 1) * creates / 4);
                senders.add(threads.submit(() -> mine.forEach(key -> {
                    Response answer = create(org, key, bodies.get(key));
                    firstAnswers.put(key, answer.statusCode());
                    if (answer.statusCode() == 503) {
                        assertRetryLater(answer);
                    }
                })));
            }
            for (Future<?> sender : senders) {
                sender.get(120, TimeUnit.SECONDS);
            }
            sending.set(false);
            terminator.get(30, TimeUnit.SECONDS);
        } finally {
            sending.set(false);
            threads.shutdownNow();
        }

        assertThat(terminations.get()).isPositive();
        assertThat(firstAnswers).hasSize(creates);
        assertThat(firstAnswers.values()).containsOnly(201, 503).contains(503);
        Map<String, String> locations = new HashMap<>();
        for (String key : bodies.keySet()) {
            Response answer = create(org, key, bodies.get(key));
            for (int retry = 1; answer.statusCode() == 503 && retry < RETRIES; retry++) {
                assertRetryLater(answer);
                answer = create(org, key, bodies.get(key));
            }
            assertThat(answer.statusCode()).as("the retry of %s", key).isEqualTo(201);
            locations.put(key, answer.header("Location"));
        }
        assertThat(locations.values()).doesNotHaveDuplicates();
        Map<String, Integer> made = groupsByName(org.id);
        for (Map<String, Object> body : bodies.values()) {
            assertThat(made.get((String) body.get("name"))).as("groups named %s", body.get("name")).isEqualTo(1);
        }
    }

    private static Response create(TestOrg org, String key, Map<String, Object> body) {
        return RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key).body(body).post("/v1/groups");
    }

    private static void assertRetryLater(Response answer) {
        assertThat(answer.contentType()).startsWith(RestApi.PROBLEM);
        assertThat(answer.jsonPath().getString("type"))
                .isEqualTo("https://circles.dev/problems/temporarily-unavailable");
        assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
    }

    private static Map<String, Integer> groupsByName(String orgId) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection admin = PostgresTestResource.superuserConnection();
             PreparedStatement statement = admin.prepareStatement(
                     "select name, count(*) from groups where org_id = ? group by name")) {
            statement.setObject(1, UUID.fromString(orgId));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
