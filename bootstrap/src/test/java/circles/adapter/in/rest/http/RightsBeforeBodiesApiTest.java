package circles.adapter.in.rest.http;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Rights before bodies: a request to an org or group the caller may not reach is refused before its body is read,
 * and an operation whose scope is in its body takes a small body only.
 */
@QuarkusTest
class RightsBeforeBodiesApiTest {
    private static final String ACTIVITY = "/v1/orgs/{orgId}/activity-events";
    private static final String MALFORMED = "[{\"eventId\": ";
    private static final int SIXTEEN_MB = 16 * 1024 * 1024;

    @Test
    void an_activity_batch_from_a_caller_without_the_right_is_refused_without_parsing_its_body() {
        TestOrg org = TestOrg.create();
        String member = org.member();

        RestApi.sloppy(org.admin).contentType(JSON).body(MALFORMED).post(ACTIVITY, org.id)
                .then().statusCode(400).body("type", equalTo("https://circles.dev/problems/malformed-json"));
        RestApi.sloppy(member).contentType(JSON).body(MALFORMED).post(ACTIVITY, org.id)
                .then().statusCode(403);
        RestApi.sloppy(Ids.user("stranger")).contentType(JSON).body(MALFORMED).post(ACTIVITY, org.id)
                .then().statusCode(404);
        RestApi.sloppy(TestOrg.create().admin).contentType(JSON).body(MALFORMED).post(ACTIVITY, org.id)
                .then().statusCode(404);
    }

    @Test
    void a_caller_without_the_right_is_answered_while_most_of_a_16_mb_activity_body_is_still_unsent()
            throws IOException {
        TestOrg org = TestOrg.create();
        String target = "/v1/orgs/" + org.id + "/activity-events";

        assertThat(Partial.send("POST", target, RestApi.token(Ids.user("stranger")), SIXTEEN_MB, 2_000))
                .startsWith("HTTP/1.1 404");
        assertThat(Partial.send("POST", target, RestApi.token(org.member()), SIXTEEN_MB, 2_000))
                .startsWith("HTTP/1.1 403");
        // The admin's request is read: its answer waits for the body that never comes.
        assertThatThrownBy(() -> Partial.send("POST", target, RestApi.token(org.admin), SIXTEEN_MB, 2_000))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void a_request_to_a_group_the_caller_cannot_see_is_a_404_before_its_body_is_read() throws IOException {
        TestOrg org = TestOrg.create();
        String group = org.group("private");
        String outsider = org.member();
        String target = "/v1/groups/" + group + "/members";

        RestApi.sloppy(outsider).contentType(JSON).body("{\"userId\": ").post("/v1/groups/{id}/members", group)
                .then().statusCode(404);
        RestApi.sloppy(org.admin).contentType(JSON).body("{\"userId\": ").post("/v1/groups/{id}/members", group)
                .then().statusCode(400);
        assertThat(Partial.send("POST", target, RestApi.token(outsider), 500_000, 2_000))
                .startsWith("HTTP/1.1 404");
        assertThat(Partial.send("POST", "/v1/orgs/" + org.id + "/departments", RestApi.token(Ids.user("stranger")),
                500_000, 2_000)).startsWith("HTTP/1.1 404");
    }

    @Test
    void a_body_over_64_kib_on_an_operation_whose_scope_is_in_its_body_is_a_413_problem_and_creates_nothing() {
        TestOrg org = TestOrg.create();
        String name = Ids.unique("padded");
        String padding = " ".repeat(64 * 1024);
        String fields = "{\"orgId\": \"" + org.id + "\", \"name\": \"" + name + "\", \"type\": \"project\","
                + " \"visibility\": \"organization\"";
        String over = fields + padding + "}";

        RestApi.sloppy(org.admin).contentType(JSON).body(over).post("/v1/groups")
                .then().statusCode(413).contentType(RestApi.PROBLEM)
                .body("type", equalTo("https://circles.dev/problems/payload-too-large"));
        RestApi.sloppy(org.admin).contentType(JSON).body(Map.of("name", "x", "slug", Ids.unique("o"), "pad", padding))
                .post("/v1/orgs").then().statusCode(413);
        RestApi.as(org.admin).queryParam("orgId", org.id).get("/v1/groups").then().statusCode(200)
                .body("items.findAll { it.name == '" + name + "' }.size()", equalTo(0));

        String under = fields + " ".repeat(60 * 1024) + "}";
        RestApi.sloppy(org.admin).contentType(JSON).body(under).post("/v1/groups").then().statusCode(201);
    }

    @Test
    void a_chunked_body_over_64_kib_on_an_operation_whose_scope_is_in_its_body_is_a_413_problem_and_creates_nothing()
            throws IOException {
        TestOrg org = TestOrg.create();
        String name = Ids.unique("chunked");
        String body = "{\"orgId\": \"" + org.id + "\", \"name\": \"" + name + "\", \"type\": \"project\","
                + " \"visibility\": \"organization\"" + " ".repeat(100 * 1024) + "}";

        List<LogRecord> errors = ErrorLog.during(() -> {
            String answer = Partial.chunked("POST", "/v1/groups", RestApi.token(org.admin), body);
            assertPayloadTooLarge(answer);
        });

        assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
        RestApi.as(org.admin).queryParam("orgId", org.id).get("/v1/groups").then().statusCode(200)
                .body("items.findAll { it.name == '" + name + "' }.size()", equalTo(0));
    }

    @Test
    void a_chunked_body_over_the_global_limit_is_a_413_problem_without_an_error_in_the_log() throws IOException {
        TestOrg org = TestOrg.create();
        String group = org.group("organization");
        String big = Ids.user("big");
        String body = "[{\"userId\": \"" + big + "\", \"role\": \"member\"}" + " ".repeat(1100 * 1024) + "]";

        List<LogRecord> errors = ErrorLog.during(() -> {
            String answer = Partial.chunked("POST", "/v1/groups/" + group + "/members", RestApi.token(org.admin),
                    body);
            assertPayloadTooLarge(answer);
        });

        assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members", group).then().statusCode(200)
                .body("items.findAll { it.userId == '" + big + "' }.size()", equalTo(0));
    }

    private static void assertPayloadTooLarge(String answer) {
        assertThat(answer).startsWith("HTTP/1.1 413");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"type\":\"https://circles.dev/problems/payload-too-large\"")
                .contains("\"status\":413");
    }

    /** The records at ERROR level (or above) that the root logger takes while {@code action} runs, and shortly after. */
    private static final class ErrorLog extends Handler {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        interface Action {
            void run() throws IOException;
        }

        static List<LogRecord> during(Action action) throws IOException {
            ErrorLog handler = new ErrorLog();
            Logger root = Logger.getLogger("");
            root.addHandler(handler);
            try {
                action.run();
                // The failing read ran on a worker thread that may still be logging.
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                root.removeHandler(handler);
            }
            return List.copyOf(handler.records);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** A request that declares a body of {@code declared} bytes, sends a few of them and waits for the answer. */
    private static final class Partial {
        static String send(String method, String target, String bearer, int declared, int waitMillis)
                throws IOException {
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(waitMillis);
                OutputStream out = socket.getOutputStream();
                String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                        + "Authorization: Bearer " + bearer + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + declared + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(MALFORMED.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return firstLine(socket.getInputStream());
            }
        }

        /** A request whose body is sent in chunks of 8 KiB, without a declared length; the whole answer. */
        static String chunked(String method, String target, String bearer, String body) throws IOException {
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                        + "Authorization: Bearer " + bearer + "\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                try {
                    for (int at = 0; at < bytes.length; at += 8192) {
                        int size = Math.min(8192, bytes.length - at);
                        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(bytes, at, size);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (java.net.SocketException closed) {
                    // The server may answer and close before the whole body is sent.
                }
                return untilClosed(socket.getInputStream());
            }
        }

        /** Everything the server sends until it closes the connection (it must, as the body was not read). */
        private static String untilClosed(InputStream in) throws IOException {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int got;
                while ((got = in.read(buffer)) >= 0) {
                    answer.write(buffer, 0, got);
                }
            } catch (java.net.SocketException reset) {
                // A reset after the answer: what arrived is the answer.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }

        private static String firstLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int next;
            while ((next = in.read()) >= 0 && next != '\n') {
                line.write(next);
            }
            return line.toString(StandardCharsets.ISO_8859_1).strip();
        }
    }
}
