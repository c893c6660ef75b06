package circles.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A URL longer than the service reads, one that is not a valid URI (malformed percent-encoding) and a parameter that
 * is not UTF-8 once decoded are refused with a problem document before any operation sees them, and a
 * malformed bearer token is a plain 401 that leaves no ERROR in the log. The requests are written on a socket byte
 * for byte, as a hostile client would.
 */
@QuarkusTest
class HttpLayerRefusalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_caller_without_a_token_learns_nothing_about_the_defects_of_the_request() throws IOException {
        assertThat(Raw.get("/v1/groups?q=a%00b", null).status()).isEqualTo(401);
        assertThat(Raw.get("/v1/groups?q=a%00b", Fixture.platformAdminToken()).status()).isEqualTo(400);
    }

    @Test
    void a_body_without_a_content_type_is_a_415_problem_and_creates_nothing() throws IOException {
        String name = "No type " + java.util.UUID.randomUUID();
        String body = "{\"orgId\": \"" + java.util.UUID.randomUUID() + "\", \"name\": \"" + name
                + "\", \"type\": \"project\", \"visibility\": \"organization\"}";

        Raw answer = Raw.send("POST", "/v1/groups", Fixture.platformAdminToken(), body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
        assertProblem(answer, 415);
        assertThat(answer.body()).contains("Content-Type");
    }

    @Test
    void an_over_long_url_is_a_414_problem() throws IOException {
        Raw answer = Raw.get("/v1/groups?q=" + "x".repeat(20_000), Fixture.platformAdminToken());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(414);
        assertProblem(answer, 414);
    }

    @Test
    void a_query_parameter_that_is_not_utf_8_once_decoded_is_a_400_problem_naming_it() throws IOException {
        Raw answer = Raw.get("/v1/groups?q=%C3%28&limit=5", Fixture.platformAdminToken());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertProblem(answer, 400);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("type").asText()).isEqualTo("https://circles.dev/problems/invalid-input");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("q");
        assertThat(Raw.get("/v1/groups/%FF%FE", Fixture.platformAdminToken()).status()).isEqualTo(400);
        assertThat(Raw.get("/v1/groups?q=%C3%28", null).status()).isEqualTo(401);
        assertThat(Raw.get("/v1/groups?q=%C3%A9t%C3%A9", Fixture.platformAdminToken()).status()).isEqualTo(200);
    }

    @Test
    void a_target_with_malformed_percent_encoding_is_a_400_problem_before_anything_decodes_it() throws IOException {
        List<String> targets = List.of("/v1/groups?cursor=%%%", "/v1/groups?q=%zz", "/v1/groups?q=%", "/v1/groups/%%%",
                "/v1/orgs/%G0/members", "/v1/groups?q=a|b");
        List<LogRecord> errors = ErrorRecords.during(() -> {
            for (String target : targets) {
                for (String token : java.util.Arrays.asList(Fixture.platformAdminToken(), null)) {
                    Raw answer = Raw.get(target, token);
                    assertThat(answer.status()).as(target + " " + answer).isEqualTo(400);
                    assertThat(answer.header("content-type")).as(target + " " + answer)
                            .startsWith("application/problem+json");
                    assertProblem(answer, 400);
                    assertThat(JSON.readTree(answer.body()).path("type").asText())
                            .isEqualTo("https://circles.dev/problems/bad-request");
                }
            }
        });
        assertThat(errors).as("ERROR records: %s", errors.stream()
                .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList()).isEmpty();

        Raw scim = Raw.get("/scim/v2/Users?filter=%%%", "scim_not-a-token");
        assertThat(scim.status()).as(scim.toString()).isEqualTo(400);
        assertThat(scim.header("content-type")).startsWith("application/scim+json");
        assertThat(JSON.readTree(scim.body()).path("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    /** The records at ERROR level (or above) the root logger takes while {@code action} runs. */
    private static final class ErrorRecords extends Handler {
        private final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();

        interface Action {
            void run() throws IOException;
        }

        static List<LogRecord> during(Action action) throws IOException {
            ErrorRecords capture = new ErrorRecords();
            Logger root = Logger.getLogger("");
            root.addHandler(capture);
            try {
                action.run();
            } finally {
                root.removeHandler(capture);
            }
            return List.copyOf(capture.records);
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

    @Test
    void a_malformed_bearer_token_is_a_401_without_an_error_in_the_log() throws IOException {
        List<LogRecord> errors = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    synchronized (errors) {
                        errors.add(record);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Logger.getLogger("circles.test.log-capture").severe("the capture sees ERROR records");
            synchronized (errors) {
                assertThat(errors).as("the log capture works").hasSize(1);
                errors.clear();
            }
            for (String token : List.of("not-a-jwt", "not.a.jwt", "e30.e30.e30", "%%%")) {
                Raw answer = Raw.get("/v1/me", token);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
                assertProblem(answer, 401);
            }
        } finally {
            root.removeHandler(capture);
        }
        synchronized (errors) {
            assertThat(errors).as("ERROR records: %s", errors.stream()
                    .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList()).isEmpty();
        }
    }

    /** With a real provider, a token that is no JWT would be sent for introspection; the service never does. */
    @Test
    void bearer_tokens_are_never_sent_for_introspection() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.oidc.token.allow-opaque-token-introspection", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.oidc.token.allow-jwt-introspection", Boolean.class)).isFalse();
    }

    private static void assertProblem(Raw answer, int status) throws IOException {
        assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("status").asInt()).as(answer.toString()).isEqualTo(status);
        assertThat(body.path("type").asText()).as(answer.toString()).startsWith("https://circles.dev/problems/");
        assertThat(body.path("detail").asText()).as(answer.toString()).isNotBlank();
    }

    /** One HTTP/1.1 exchange over a socket: the target is sent exactly as given. */
    record Raw(int status, Map<String, String> headers, String body) {

        static Raw get(String target, String bearer) throws IOException {
            return send("GET", target, bearer, null);
        }

        /** A request with the body given (without any {@code Content-Type}) or none. */
        static Raw send(String method, String target, String bearer, String body) throws IOException {
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
                String request = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                        + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                        + (body == null ? "" : "Content-Length: " + content.length + "\r\n")
                        + "Connection: close\r\n\r\n";
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.write(content);
                out.flush();
                return parse(readAll(socket.getInputStream()));
            }
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            try {
                while ((read = in.read(buffer)) >= 0) {
                    all.write(buffer, 0, read);
                }
            } catch (java.net.SocketException reset) {
                // The server may close the connection as soon as it has answered.
            }
            return all.toByteArray();
        }

        private static Raw parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = lines[0].split(" ").length > 1 ? Integer.parseInt(lines[0].split(" ")[1]) : -1;
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Raw(status, headers, body);
        }

        private static String unchunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
                at = lineEnd + 2 + size + 2;
            }
            return body.toString();
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + Problems.abbreviate(body);
        }
    }
}
