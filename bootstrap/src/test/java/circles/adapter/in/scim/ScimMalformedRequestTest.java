package circles.adapter.in.scim;

import static circles.adapter.in.scim.ScimOrg.ENTERPRISE;
import static circles.adapter.in.scim.ScimOrg.ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Input that passes SCIM's JSON parsing but that no attribute may hold is a 400 SCIM error that changes nothing:
 * data after the JSON document, a NUL character in a value, a name or a parameter, bytes that are not UTF-8, and
 * complex attributes ({@code name}, the enterprise extension) of the wrong JSON type. A body without a
 * {@code Content-Type} is a 415 SCIM error that changes nothing.
 */
@QuarkusTest
class ScimMalformedRequestTest {

    private static String subject(String prefix) {
        return prefix + "-" + ScimOrg.unique();
    }

    private static String user(String subject) {
        return ScimOrg.user(subject, subject + "@example.com", "Ana", "Lima", subject + "@example.com", "sales",
                null);
    }

    private static void assertRefused(Response answer, String scimType) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith(ScimOrg.SCIM_JSON);
        assertThat(answer.jsonPath().getList("schemas")).containsExactly(ERROR);
        assertThat(answer.jsonPath().getString("status")).isEqualTo("400");
        assertThat(answer.jsonPath().getString("scimType")).as(answer.asString()).isEqualTo(scimType);
    }

    private static void assertNotStored(ScimOrg org, String subject) {
        assertThat(org.scim().get("/scim/v2/Users/{id}", subject).statusCode()).isEqualTo(404);
    }

    @Test
    void data_after_the_json_document_is_invalid_syntax() {
        ScimOrg org = ScimOrg.create();
        String subject = subject("trail");

        assertRefused(org.scim().body(user(subject) + " {\"more\": 1}").post("/scim/v2/Users"), "invalidSyntax");
        assertRefused(org.scim().body(user(subject) + " garbage").post("/scim/v2/Users"), "invalidSyntax");
        assertNotStored(org, subject);
    }

    @Test
    void a_nul_character_anywhere_in_the_body_is_an_invalid_value() {
        ScimOrg org = ScimOrg.create();
        String subject = subject("nul");

        assertRefused(org.scim().body(user(subject).replace("\"Ana\"", "\"A\\u0000na\"")).post("/scim/v2/Users"),
                "invalidValue");
        assertRefused(org.scim().body(user(subject).replace("\"sales\"", "\"sa\\u0000les\"")).post("/scim/v2/Users"),
                "invalidValue");
        assertRefused(org.scim().body(user(subject).replace("\"title\"", "\"ti\\u0000tle\"")).post("/scim/v2/Users"),
                "invalidValue");
        assertNotStored(org, subject);
    }

    @Test
    void a_body_without_a_content_type_is_an_unsupported_media_type_and_changes_nothing() throws Exception {
        ScimOrg org = ScimOrg.create();
        String subject = subject("untyped");

        HttpResponse<String> created = untyped(org, "POST", "/scim/v2/Users", user(subject));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(415);
        assertThat(created.headers().firstValue("Content-Type")).get(InstanceOfAssertFactories.STRING)
                .startsWith(ScimOrg.SCIM_JSON);
        assertThat(created.body()).contains(ERROR).contains("\"status\":\"415\"").contains("Content-Type");
        assertNotStored(org, subject);

        org.scim().body(user(subject)).post("/scim/v2/Users").then().statusCode(201);
        HttpResponse<String> patched = untyped(org, "PATCH", "/scim/v2/Users/" + subject,
                ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"active\", \"value\": false}]"));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(415);
        assertThat(org.scim().get("/scim/v2/Users/{id}", subject).jsonPath().getBoolean("active")).isTrue();
    }

    @Test
    void a_body_over_the_limit_is_a_413_scim_error_whether_its_length_is_declared_or_not() throws Exception {
        ScimOrg org = ScimOrg.create();
        String subject = subject("huge");
        String body = user(subject).replace("\"Engineer\"", "\"" + "x".repeat(1100 * 1024) + "\"");

        for (boolean chunked : new boolean[] {true, false}) {
            String answer = overSocket(org, body, chunked);
            assertThat(answer).as(answer.substring(0, Math.min(300, answer.length()))).startsWith("HTTP/1.1 413");
            String lower = answer.toLowerCase(java.util.Locale.ROOT);
            assertThat(lower).contains("content-type: application/scim+json");
            assertThat(answer).contains(ERROR).contains("\"status\":\"413\"");
        }
        assertNotStored(org, subject);
    }

    /** POST /scim/v2/Users over a socket, chunked or with its length declared; the whole answer. */
    private static String overSocket(ScimOrg org, String body, boolean chunked) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + org.token
                    + "\r\nContent-Type: application/scim+json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + bytes.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            try {
                for (int at = 0; at < bytes.length; at += 8192) {
                    int size = Math.min(8192, bytes.length - at);
                    if (chunked) {
                        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(bytes, at, size);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (java.net.SocketException closed) {
                // The server answers and closes before the whole body is sent.
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (java.net.SocketException reset) {
                // A reset after the answer: what arrived is the answer.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** A request with a body and no Content-Type header at all (RestAssured would add one). */
    private static HttpResponse<String> untyped(ScimOrg org, String method, String path, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + org.token).header("Accept", ScimOrg.SCIM_JSON)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void a_nul_character_in_a_parameter_is_an_invalid_value() {
        ScimOrg org = ScimOrg.create();

        assertRefused(org.scim().queryParam("filter", "userName eq \"a\u0000b\"").get("/scim/v2/Users"),
                "invalidValue");
        assertRefused(org.scim().urlEncodingEnabled(false).get("/scim/v2/Users/a%00b"), "invalidValue");
        assertRefused(org.scim().urlEncodingEnabled(false).get("/scim/v2/Groups/a%00b"), "invalidValue");
    }

    @Test
    void a_parameter_that_is_not_utf_8_once_decoded_is_an_invalid_value() {
        ScimOrg org = ScimOrg.create();

        assertRefused(org.scim().urlEncodingEnabled(false).get("/scim/v2/Users?filter=userName%20eq%20%22%C3%28%22"),
                "invalidValue");
        assertRefused(org.scim().urlEncodingEnabled(false).get("/scim/v2/Users/a%FFb"), "invalidValue");
        assertThat(org.scim().urlEncodingEnabled(false)
                .get("/scim/v2/Users?filter=userName%20eq%20%22%C3%A9%22").statusCode()).isEqualTo(200);
    }

    @Test
    void a_body_that_is_not_utf_8_is_invalid_syntax() {
        ScimOrg org = ScimOrg.create();
        String subject = subject("utf");
        byte[] body = user(subject).replace("\"Ana\"", "\"@@\"").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 1 < body.length; i++) {
            if (body[i] == '@' && body[i + 1] == '@') {
                body[i] = (byte) 0xC3;
                body[i + 1] = (byte) 0x28;
                break;
            }
        }

        assertRefused(org.scim().contentType(ScimOrg.SCIM_JSON + ";charset=UTF-8").body(body)
                .post("/scim/v2/Users"), "invalidSyntax");
        assertRefused(org.scim().contentType(ScimOrg.SCIM_JSON).config(io.restassured.RestAssured.config()
                .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .body(body).post("/scim/v2/Users"), "invalidSyntax");
        assertNotStored(org, subject);
    }

    @Test
    void a_name_that_is_not_an_object_is_an_invalid_value() {
        ScimOrg org = ScimOrg.create();
        String subject = subject("name");
        String base = user(subject);
        String nameObject = "{\"givenName\": \"Ana\", \"familyName\": \"Lima\"}";

        assertRefused(org.scim().body(base.replace(nameObject, "\"Ana Lima\"")).post("/scim/v2/Users"),
                "invalidValue");
        assertRefused(org.scim().body(base.replace(nameObject, "[\"Ana\"]")).post("/scim/v2/Users"),
                "invalidValue");
        assertRefused(org.scim().body(base.replace(nameObject, "{\"givenName\": 5}")).post("/scim/v2/Users"),
                "invalidValue");
        assertNotStored(org, subject);
    }

    @Test
    void enterprise_values_of_the_wrong_type_are_invalid_values() {
        ScimOrg org = ScimOrg.create();
        String subject = subject("ent");
        String base = user(subject);

        assertRefused(org.scim().body(base.replace("\"department\": \"sales\"", "\"department\": 5"))
                .post("/scim/v2/Users"), "invalidValue");
        assertRefused(org.scim().body(base.replace("\"department\": \"sales\"", "\"department\": {\"a\": 1}"))
                .post("/scim/v2/Users"), "invalidValue");
        String withoutExtension = base.substring(0, base.indexOf(",\n \"" + ENTERPRISE));
        assertRefused(org.scim().body(withoutExtension + ", \"" + ENTERPRISE + "\": \"sales\"}")
                .post("/scim/v2/Users"), "invalidValue");
        assertNotStored(org, subject);

        String created = subject("ent-ok");
        org.scim().body(user(created)).post("/scim/v2/Users").then().statusCode(201);
        String patch = ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"" + ENTERPRISE
                + ":department\", \"value\": 5}]");
        assertRefused(org.scim().body(patch).patch("/scim/v2/Users/{id}", created), "invalidValue");
        assertThat(org.scim().get("/scim/v2/Users/{id}", created).jsonPath().getString("'" + ENTERPRISE
                + "'.department")).isEqualTo("sales");
    }
}
