package circles.bootstrap.crash;

import circles.bootstrap.embedded.CirclesDatabase;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process killed with SIGKILL in the middle of a burst of creates, each with an {@code Idempotency-Key} of its own:
 * after a restart, retrying every request that got no answer with its key makes each group exactly once, and every
 * retry answers 201, never 409 (a create that committed before the kill is replayed with the answer its caller never
 * received, the others are made now). Requests that were answered before the kill replay exactly that first answer.
 *
 * <p>The kill comes at a point where a group is committed and its answer not yet written, when the test can find
 * one: it freezes the process (SIGSTOP) at random points of the burst until the database holds a group whose create
 * has no answer. Between the kill and the restart the test looks at the database: each create committed with its key
 * or neither did, which is what lets a retry tell the two cases apart.
 */
class IdempotentCreatesAfterKillIT {
    private static final String ROUTE = "POST /v1/groups";
    private static final int CLIENTS = 8;
    private static final int REQUESTS = 320;
    /** Killed once this many creates are answered (a quarter of the burst, every client busy)... */
    private static final int ANSWERS_BEFORE_KILL = REQUESTS / 4;
    /** ...at the first pause that finds a group made and its create unanswered, or at the latest after this many. */
    private static final int ANSWERS_BEFORE_KILL_AT_THE_LATEST = REQUESTS * 2 / 3;
    private static final int ATTEMPTS_WHILE_UNAVAILABLE = 5;

    @Test
    void creates_cut_off_by_kill_9_and_retried_with_their_keys_make_each_group_once_with_its_first_answer()
            throws Exception {
        try (PackagedCircles circles = PackagedCircles.start(Map.of())) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String adminId = "burst-admin-" + suffix;
            String admin = circles.token(adminId, "user");
            String orgId = circles.as(circles.token("burst-platform", "platform-admin"))
                    .body(Map.of("name", "Burst " + suffix, "slug", "burst-" + suffix,
                            "adminUserIds", List.of(adminId)))
                    .post("/v1/orgs").then().statusCode(201).extract().path("id");
            circles.as(admin).get("/v1/me").then().statusCode(200);
            List<Create> creates = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String name = String.format("Burst %03d %s", i, suffix);
                creates.add(new Create("burst-" + suffix + "-" + i, name, "{\"orgId\":\"" + orgId + "\",\"name\":\""
                        + name + "\",\"type\":\"project\",\"visibility\":\"public\"}"));
            }

            // The burst: each client sends its share back to back, on after the kill (refused, then).
            Map<String, Outcome> firstOutcomes = new ConcurrentHashMap<>();
            AtomicInteger answered = new AtomicInteger();
            Instant burstStarted = Instant.now();
            Instant killedAt;
            boolean answerLost;
            int pauses = 0;
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try (HttpClient http = http()) {
                List<Future<?>> sending = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    int first = client;
                    sending.add(clients.submit(() -> {
                        for (int i = first; i < REQUESTS; i += CLIENTS) {
                            Create create = creates.get(i);
                            Outcome outcome = send(http, circles, admin, create);
                            firstOutcomes.put(create.key(), outcome);
                            if (outcome instanceof Answered) {
                                answered.incrementAndGet();
                            }
                        }
                    }));
                }
                assertThat(PackagedCircles.eventually(Duration.ofSeconds(60),
                        () -> answered.get() >= ANSWERS_BEFORE_KILL))
                        .as("%d creates are answered before the kill", ANSWERS_BEFORE_KILL).isTrue();
                // The case that matters most, a group committed and its answer not yet written, lasts from the
                // commit to the write, too short to hit by chance. So the process is frozen (SIGSTOP) at a random
                // point, and killed there if the database holds a group of the burst whose answer has not arrived
                // meanwhile; otherwise it runs on a little and is frozen again.
                Map<String, String> keyByName = new HashMap<>();
                creates.forEach(create -> keyByName.put(create.name(), create.key()));
                try (Connection watcher = circles.superuserConnection();
                     PreparedStatement made = watcher.prepareStatement("select name from groups where org_id = ?")) {
                    made.setObject(1, UUID.fromString(orgId));
                    answerLost = false;
                    while (!answerLost && answered.get() < ANSWERS_BEFORE_KILL_AT_THE_LATEST) {
                        circles.pause();
                        pauses++;
                        // Time for answers already on their way to arrive: what is missing then was never written.
                        Thread.sleep(300);
                        answerLost = madeAndUnanswered(made, keyByName, firstOutcomes);
                        if (!answerLost) {
                            circles.resume();
                            Thread.sleep(ThreadLocalRandom.current().nextInt(20, 120));
                        }
                    }
                    killedAt = Instant.now();
                    circles.kill();
                }
                for (Future<?> client : sending) {
                    client.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(firstOutcomes).hasSize(REQUESTS);
            Map<String, Answered> answeredBeforeKill = new HashMap<>();
            List<Create> unanswered = new ArrayList<>();
            int inFlightAtKill = 0;
            for (Create create : creates) {
                switch (firstOutcomes.get(create.key())) {
                    case Answered answer -> {
                        assertThat(answer.status()).as("the first answer to %s: %s", create.key(), answer.body())
                                .isIn(201, 503);
                        if (answer.status() == 201) {
                            answeredBeforeKill.put(create.key(), answer);
                        } else {
                            unanswered.add(create);
                        }
                    }
                    case Unanswered lost -> {
                        unanswered.add(create);
                        if (lost.sentAt().isBefore(killedAt)) {
                            inFlightAtKill++;
                        }
                    }
                }
            }
            assertThat(answeredBeforeKill).as("creates answered 201 before the kill").isNotEmpty();
            assertThat(inFlightAtKill).as("creates in flight at the kill").isPositive();

            // What the dead process left: each create committed with its answer, or neither did.
            awaitSessionsOfTheDeadProcessEnded(circles);
            Map<String, String> groupIdByName = groupIdsByName(circles, orgId);
            Map<String, Answered> storedAnswers = storedAnswers(circles, creates);
            for (Create create : creates) {
                Answered stored = storedAnswers.get(create.key());
                String groupId = groupIdByName.get(create.name());
                assertThat(stored == null ? null : JsonPath.from(stored.body()).getString("id"))
                        .as("the stored answer of %s names the group committed with it", create.key())
                        .isEqualTo(groupId);
                Answered first = answeredBeforeKill.get(create.key());
                if (first != null) {
                    assertThat(stored).as("the stored answer of %s", create.key()).isEqualTo(first);
                }
            }

            Duration restart = circles.startApplication();
            Instant retriesStarted = Instant.now();
            List<Create> resent = new ArrayList<>(unanswered);
            // Every answered request is sent again too: a caller that missed nothing must also get its first answer.
            creates.stream().filter(create -> answeredBeforeKill.containsKey(create.key())).forEach(resent::add);
            Map<String, Answered> retries = sendUntilAvailable(circles, admin, resent);
            Duration retrying = Duration.between(retriesStarted, Instant.now());

            int replayedAfterKill = 0;
            for (Create create : unanswered) {
                Answered retry = retries.get(create.key());
                assertThat(retry.status()).as("the retry of %s: %s", create.key(), retry.body()).isEqualTo(201);
                Answered stored = storedAnswers.get(create.key());
                if (stored != null) {
                    // Committed before the kill, answer lost: the retry gets the answer its first call would have had.
                    assertThat(retry).as("the retry of %s, committed before the kill", create.key()).isEqualTo(stored);
                    replayedAfterKill++;
                } else {
                    assertThat(JsonPath.from(retry.body()).getString("id"))
                            .as("the retry of %s makes a new group", create.key())
                            .isNotIn(groupIdByName.values());
                }
            }
            if (answerLost) {
                assertThat(replayedAfterKill).as("creates committed before the kill and unanswered").isPositive();
            }
            for (Map.Entry<String, Answered> first : answeredBeforeKill.entrySet()) {
                assertThat(retries.get(first.getKey())).as("the repeat of %s", first.getKey())
                        .isEqualTo(first.getValue());
            }

            Map<String, List<String>> listed = listedGroupIdsByName(circles, admin, orgId);
            for (Create create : creates) {
                Answered answer = answeredBeforeKill.getOrDefault(create.key(), retries.get(create.key()));
                assertThat(listed.get(create.name())).as("the groups named %s", create.name())
                        .containsExactly(JsonPath.from(answer.body()).getString("id"));
            }
            long refused = unanswered.size() - inFlightAtKill - count503(firstOutcomes);
            System.out.printf("kill -9 during a burst of %d keyed creates from %d clients, killed at pause %d (%s):"
                            + " %d answered 201 before the kill (%.1f s into the burst); %d unanswered (%d in flight"
                            + " at the kill, %d refused after it, %d answered 503), of which %d had committed and"
                            + " were replayed; restart took %.1f s; %d retries and %d repeats all answered 201 in"
                            + " %.1f s; each group made once%n",
                    REQUESTS, CLIENTS, pauses, answerLost ? "a group made, its create unanswered"
                            : "no group made with its create unanswered", answeredBeforeKill.size(),
                    seconds(burstStarted, killedAt), unanswered.size(), inFlightAtKill, refused,
                    count503(firstOutcomes), replayedAfterKill, restart.toMillis() / 1000.0, unanswered.size(),
                    answeredBeforeKill.size(), retrying.toMillis() / 1000.0);
        }
    }

    /** A create with its own key and its own group name; {@code body} is the JSON sent, byte for byte, every time. */
    private record Create(String key, String name, String body) {
    }

    private sealed interface Outcome permits Answered, Unanswered {
    }

    /** An answer as the caller sees it; a replay must equal the first answer in all of it. */
    private record Answered(int status, String location, String etag, String body) implements Outcome {
    }

    /** No answer: the connection was reset, closed or refused. */
    private record Unanswered(Instant sentAt, String failure) implements Outcome {
    }

    /** Whether a group of the burst is committed and its create has no answer. */
    private static boolean madeAndUnanswered(PreparedStatement made, Map<String, String> keyByName,
                                             Map<String, Outcome> outcomes) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (ResultSet rows = made.executeQuery()) {
            while (rows.next()) {
                String key = keyByName.get(rows.getString(1));
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        return !outcomes.keySet().containsAll(keys);
    }

    private static HttpClient http() {
        // A client of its own per phase: connections kept alive to the dead process are never reused.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static Outcome send(HttpClient http, PackagedCircles circles, String token, Create create) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(circles.baseUri() + "/v1/groups"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", create.key())
                .POST(HttpRequest.BodyPublishers.ofString(create.body()))
                .build();
        Instant sentAt = Instant.now();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answered(response.statusCode(),
                    location(circles, response.headers().firstValue("Location").orElse(null)),
                    response.headers().firstValue("ETag").orElse(null), response.body());
        } catch (IOException lost) {
            return new Unanswered(sentAt, lost.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unanswered(sentAt, e.toString());
        }
    }

    /** Sends each create from {@link #CLIENTS} clients, again after a 503 as its Retry-After says; the last answers. */
    private static Map<String, Answered> sendUntilAvailable(PackagedCircles circles, String token, List<Create> creates)
            throws Exception {
        Map<String, Answered> answers = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (HttpClient http = http()) {
            List<Future<?>> sending = new ArrayList<>();
            for (Create create : creates) {
                sending.add(clients.submit(() -> {
                    for (int attempt = 1; ; attempt++) {
                        Outcome outcome = send(http, circles, token, create);
                        if (!(outcome instanceof Answered answer)) {
                            throw new AssertionError("no answer to " + create.key() + " after the restart: "
                                    + outcome);
                        }
                        if (answer.status() != 503 || attempt == ATTEMPTS_WHILE_UNAVAILABLE) {
                            answers.put(create.key(), answer);
                            return null;
                        }
                        Thread.sleep(1_000);
                    }
                }));
            }
            for (Future<?> send : sending) {
                send.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        return answers;
    }

    /**
     * The database ends the transactions of a dead client once it notices the closed connection; until then a
     * transaction of the dead process could still commit, and what the test reads would not be final.
     */
    private static void awaitSessionsOfTheDeadProcessEnded(PackagedCircles circles) {
        assertThat(PackagedCircles.eventually(Duration.ofSeconds(30), () -> circles.count(
                "select count(*) from pg_stat_activity where usename = ?", CirclesDatabase.ROLE) == 0))
                .as("the sessions of the killed process end").isTrue();
    }

    private static Map<String, String> groupIdsByName(PackagedCircles circles, String orgId) throws SQLException {
        Map<String, String> ids = new HashMap<>();
        try (Connection connection = circles.superuserConnection();
             PreparedStatement query = connection.prepareStatement("select name, id from groups where org_id = ?")) {
            query.setObject(1, UUID.fromString(orgId));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assertThat(ids.put(rows.getString(1), rows.getString(2)))
                            .as("another group named %s", rows.getString(1)).isNull();
                }
            }
        }
        return ids;
    }

    /** The answers kept for these creates' keys, as a replay would give them. */
    private static Map<String, Answered> storedAnswers(PackagedCircles circles, List<Create> creates)
            throws SQLException {
        Map<String, Answered> answers = new HashMap<>();
        try (Connection connection = circles.superuserConnection();
             PreparedStatement query = connection.prepareStatement("select key, status, location, body"
                     + " from idempotency_keys where route = ? and key = any (?)")) {
            query.setString(1, ROUTE);
            query.setArray(2, connection.createArrayOf("text",
                    creates.stream().map(Create::key).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String body = rows.getString(4);
                    Long version = JsonPath.from(body).getLong("version");
                    answers.put(rows.getString(1), new Answered(rows.getInt(2), location(circles, rows.getString(3)),
                            "\"" + version + "\"", body));
                }
            }
        }
        return answers;
    }

    private static Map<String, List<String>> listedGroupIdsByName(PackagedCircles circles, String token, String orgId) {
        Map<String, List<String>> ids = new HashMap<>();
        String cursor = null;
        do {
            var request = circles.as(token).queryParam("orgId", orgId).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/groups").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> group : items) {
                ids.computeIfAbsent((String) group.get("name"), name -> new ArrayList<>())
                        .add((String) group.get("id"));
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    /** A {@code Location} as an absolute URI: the answer keeps it as a path, the HTTP layer may make it absolute. */
    private static String location(PackagedCircles circles, String location) {
        return location == null ? null : URI.create(circles.baseUri()).resolve(location).toString();
    }

    private static long count503(Map<String, Outcome> outcomes) {
        return outcomes.values().stream()
                .filter(outcome -> outcome instanceof Answered answer && answer.status() == 503).count();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
