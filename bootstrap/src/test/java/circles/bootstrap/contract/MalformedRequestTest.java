package circles.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.contract.ContractDocument.Operation;
import circles.bootstrap.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends every operation of the contract a battery of bad requests, derived from {@code openapi.yaml}: no or
 * invalid tokens (401), malformed path and query parameters (400), unparseable or mistyped JSON (400),
 * unknown enumeration values in bodies (422: the contract makes schema constraints, enumerations included,
 * a 422), bodies over 1 MB (413) and wrong content types (415), besides input that passes a schema but no
 * database or clock takes: the NUL character (U+0000) in any parameter or body string, nested ones included (400),
 * times outside the years 0001 to 9999 (400), bodies without a content type (415) or in invalid UTF-8 (400), and
 * an {@code Accept} the operation cannot answer with (406). None may answer 5xx, and every answer must be
 * a problem document. Requests are otherwise valid and sent by a platform admin against real resources, so
 * nothing but the defect under test can explain a refusal.
 */
@QuarkusTest
class MalformedRequestTest {

    /** Years PostgreSQL cannot store as a timestamp, or a millisecond count cannot hold. */
    private static final String FAR_FUTURE = "+999999-01-01T00:00:00Z";
    private static final String FAR_PAST = "-4714-01-01T00:00:00Z";
    /** A little over the 1 MB the service accepts. */
    private static final int OVERSIZED_BYTES = 1_100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Operations that stream their body under a limit of their own (tested with the operation itself). */
    private static final Set<String> OWN_BODY_LIMIT = Set.of("importMembers", "ingestActivityEvents");
    /**
     * Operations that judge each item of their body on its own and answer 200 listing the refused ones (a NUL or
     * a time out of range in an activity event refuses that event; their test covers it).
     */
    private static final Set<String> PER_ITEM_VERDICTS = Set.of("ingestActivityEvents");
    /**
     * Operations that platform admins may not call (API tokens act with their issuer's org rights, so only active
     * org admins and it_admins manage them): sent by org A's admin instead.
     */
    private static final Set<String> ORG_ADMINS_ONLY = Set.of("createApiToken", "listApiTokens", "getApiToken",
            "revokeApiToken");

    private static Fixture fixture;
    private static PrivateKey unknownKey;

    /** One bad request: which operation, what is wrong with it, and the status the contract asks for. */
    record Case(String operationId, String defect, int expected, UnaryOperator<HttpCall> spoil, Token token) {
    }

    enum Token { PLATFORM_ADMIN, NONE, GARBAGE, UNKNOWN_KEY, FOREIGN_ISSUER, EXPIRED }

    static Stream<Arguments> cases() {
        return ContractDocument.load().operations().stream()
                .flatMap(op -> casesOf(op).stream())
                .map(c -> Arguments.of(c.operationId(), c.defect(), c.expected()));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("cases")
    void bad_requests_are_refused_with_a_problem(String operationId, String defect, int expected) {
        Operation op = ContractDocument.load().require(operationId);
        Case c = casesOf(op).stream().filter(candidate -> candidate.defect().equals(defect)).findFirst()
                .orElseThrow();
        HttpCall valid = OperationRequests.build(operationId, fixture());
        HttpCall call = c.spoil().apply(valid);

        Response response = call.send(c.token() == Token.PLATFORM_ADMIN && ORG_ADMINS_ONLY.contains(operationId)
                ? Fixture.token(fixture().adminA) : token(c.token()));

        int status = response.statusCode();
        if (status < 400) {
            accepted();
        }
        String seen = call + " " + Problems.abbreviate(call.bodyText()) + " answered " + status + " "
                + response.contentType() + " " + Problems.abbreviate(response.asString());
        assertThat(status).as("never 5xx: %s", seen).isLessThan(500);
        assertThat(status).as("status of %s", seen).isEqualTo(expected);
        assertThat(Problems.defects(response)).as("problem document of %s", seen).isEmpty();
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).as("WWW-Authenticate of %s", seen)
                    .isNotNull().startsWithIgnoringCase("Bearer");
        }
    }

    static Stream<String> operationsWithABody() {
        return ContractDocument.load().operations().stream().filter(Operation::takesBody).map(Operation::id);
    }

    /** HTTP clients name a content type of their own when none is given, so these go over a bare socket. */
    @ParameterizedTest(name = "{0}: a body without Content-Type -> 415")
    @MethodSource("operationsWithABody")
    void a_body_without_a_content_type_is_refused_with_a_problem(String operationId) throws Exception {
        HttpCall valid = OperationRequests.build(operationId, fixture());

        HttpLayerRefusalTest.Raw answer = HttpLayerRefusalTest.Raw.send(valid.method(), valid.target(),
                Fixture.platformAdminToken(), valid.bodyText());

        if (answer.status() < 400) {
            accepted();
        }
        assertThat(answer.status()).as("%s answered %s", valid, answer).isEqualTo(415);
        assertThat(answer.header("content-type")).as("%s answered %s", valid, answer)
                .startsWith("application/problem+json");
    }

    /** A parameter of a kind the battery does not know how to spoil would silently go untested. */
    @Test
    void every_parameter_of_the_contract_gets_a_bad_value() {
        List<String> untested = new ArrayList<>();
        for (Operation op : ContractDocument.load().operations()) {
            List<Case> cases = casesOf(op);
            for (JsonNode parameter : op.parameters()) {
                String in = parameter.path("in").asText();
                String name = parameter.path("name").asText();
                String mark = switch (in) {
                    case "path" -> "path parameter " + name + " ";
                    case "query" -> "query " + name + "=";
                    default -> "header " + name + " ";
                };
                if (cases.stream().noneMatch(c -> c.defect().startsWith(mark))) {
                    untested.add(op.display() + ": " + in + " parameter " + name);
                }
            }
        }
        assertThat(untested).isEmpty();
    }

    static List<Case> casesOf(Operation op) {
        List<Case> cases = new ArrayList<>();
        String id = op.id();
        cases.add(new Case(id, "no token", 401, call -> call, Token.NONE));
        cases.add(new Case(id, "garbage token", 401, call -> call, Token.GARBAGE));
        cases.add(new Case(id, "token signed by an unknown key", 401, call -> call, Token.UNKNOWN_KEY));
        cases.add(new Case(id, "token of another issuer", 401, call -> call, Token.FOREIGN_ISSUER));
        cases.add(new Case(id, "expired token", 401, call -> call, Token.EXPIRED));
        cases.add(new Case(id, "header Accept text/html", 406, call -> call.withHeader("Accept", "text/html"),
                Token.PLATFORM_ADMIN));
        ContractDocument contract = ContractDocument.load();
        for (JsonNode parameter : op.parameters("path")) {
            JsonNode schema = contract.resolve(parameter.path("schema"));
            String name = parameter.path("name").asText();
            cases.add(new Case(id, "path parameter " + name + " holds a NUL character", 400,
                    call -> call.withPath(replaceSegment(op.path(), call.path(), name, "a%00b")),
                    Token.PLATFORM_ADMIN));
            if ("uuid".equals(schema.path("format").asText())) {
                cases.add(new Case(id, "path parameter " + name + " is not a UUID", 400,
                        call -> call.withPath(replaceSegment(op.path(), call.path(), name, "not-a-uuid")),
                        Token.PLATFORM_ADMIN));
            } else if (schema.has("maxLength")) {
                String tooLong = "u".repeat(schema.path("maxLength").asInt() + 1);
                cases.add(new Case(id, "path parameter " + name + " is longer than " + schema.path("maxLength")
                        .asInt() + " characters", 400,
                        call -> call.withPath(replaceSegment(op.path(), call.path(), name, tooLong)),
                        Token.PLATFORM_ADMIN));
            }
        }
        for (JsonNode parameter : op.parameters("header")) {
            JsonNode schema = contract.resolve(parameter.path("schema"));
            String name = parameter.path("name").asText();
            if (schema.has("maxLength")) {
                String tooLong = "h".repeat(schema.path("maxLength").asInt() + 1);
                cases.add(new Case(id, "header " + name + " is longer than " + schema.path("maxLength").asInt()
                        + " characters", 400, call -> call.withHeader(name, tooLong), Token.PLATFORM_ADMIN));
            }
        }
        for (JsonNode parameter : op.parameters("query")) {
            addQueryCases(cases, op, parameter.path("name").asText(), contract.resolve(parameter.path("schema")));
        }
        List<String> queryNames = op.parameters("query").stream().map(p -> p.path("name").asText()).toList();
        if (queryNames.contains("from") && queryNames.contains("to")) {
            cases.add(new Case(id, "query from after to", 400, call -> call
                    .withQuery("from", "2026-02-01T00:00:00Z").withQuery("to", "2026-01-01T00:00:00Z"),
                    Token.PLATFORM_ADMIN));
        }
        if (op.takesBody()) {
            addBodyCases(cases, op, contract);
        }
        return cases;
    }

    private static void addQueryCases(List<Case> cases, Operation op, String name, JsonNode schema) {
        String id = op.id();
        cases.add(new Case(id, "query " + name + "=a NUL character", 400, call -> call.withQuery(name, "a\0b"),
                Token.PLATFORM_ADMIN));
        if ("date-time".equals(schema.path("format").asText())) {
            for (String far : List.of(FAR_FUTURE, FAR_PAST, "+292278994-08-17T07:12:55Z")) {
                cases.add(badQuery(id, name, far));
            }
        }
        if ("limit".equals(name)) {
            for (String value : List.of("0", "501", "abc", "-1", "1.5")) {
                cases.add(badQuery(id, name, value));
            }
            return;
        }
        if ("cursor".equals(name)) {
            cases.add(badQuery(id, name, "@@not-a-cursor@@"));
            return;
        }
        if (schema.has("enum")) {
            cases.add(badQuery(id, name, "no-such-value"));
        } else if ("uuid".equals(schema.path("format").asText())) {
            cases.add(badQuery(id, name, "not-a-uuid"));
        } else if ("date-time".equals(schema.path("format").asText())) {
            cases.add(badQuery(id, name, "yesterday"));
        } else if ("boolean".equals(schema.path("type").asText())) {
            cases.add(badQuery(id, name, "perhaps"));
        } else if ("integer".equals(schema.path("type").asText())) {
            cases.add(badQuery(id, name, "abc"));
        } else if (schema.has("maxLength")) {
            cases.add(badQuery(id, name, "x".repeat(schema.path("maxLength").asInt() + 1)));
        }
    }

    private static Case badQuery(String operationId, String name, String value) {
        String shown = value.length() > 20 ? value.substring(0, 10) + "…(" + value.length() + " chars)" : value;
        return new Case(operationId, "query " + name + "=" + shown, 400, call -> call.withQuery(name, value),
                Token.PLATFORM_ADMIN);
    }

    private static void addBodyCases(List<Case> cases, Operation op, ContractDocument contract) {
        String id = op.id();
        JsonNode schema = contract.resolve(jsonSchemaOf(op));
        boolean arrayBody = "array".equals(schema.path("type").asText());
        JsonNode objectSchema = arrayBody ? contract.resolve(schema.path("items")) : schema;

        cases.add(new Case(id, "unparseable JSON", 400,
                call -> call.withBody(call.contentType(), "{\"name\": \"unterminated"), Token.PLATFORM_ADMIN));
        cases.add(new Case(id, arrayBody ? "an object where the body is an array" : "an array where the body is an object",
                400, call -> call.withBody(call.contentType(), arrayBody ? "{\"userId\": \"x\"}" : "[{}]"),
                Token.PLATFORM_ADMIN));
        cases.add(new Case(id, "a JSON string as the whole body", 400,
                call -> call.withBody(call.contentType(), "\"just a string\""), Token.PLATFORM_ADMIN));

        Map<String, JsonNode> properties = new LinkedHashMap<>();
        objectSchema.path("properties").fields()
                .forEachRemaining(field -> properties.put(field.getKey(), contract.resolve(field.getValue())));
        String prefix = arrayBody ? "[0]." : "";
        properties.entrySet().stream()
                .filter(entry -> isPlainString(entry.getValue()))
                .findFirst()
                .ifPresent(entry -> {
                    String name = entry.getKey();
                    cases.add(new Case(id, "a number where " + prefix + name + " is a string", 400,
                            call -> withField(call, arrayBody, name, JsonNodeFactory.instance.numberNode(12345)),
                            Token.PLATFORM_ADMIN));
                    cases.add(new Case(id, "an array where " + prefix + name + " is a string", 400,
                            call -> withField(call, arrayBody, name,
                                    JsonNodeFactory.instance.arrayNode().add("x")), Token.PLATFORM_ADMIN));
                });
        properties.forEach((name, property) -> {
            if ("object".equals(property.path("type").asText())) {
                cases.add(new Case(id, "an array where " + prefix + name + " is an object", 400,
                        call -> withField(call, arrayBody, name, JsonNodeFactory.instance.arrayNode().add(1)),
                        Token.PLATFORM_ADMIN));
            } else if ("boolean".equals(property.path("type").asText())) {
                cases.add(new Case(id, "a string where " + prefix + name + " is a boolean", 400,
                        call -> withField(call, arrayBody, name, JsonNodeFactory.instance.textNode("perhaps")),
                        Token.PLATFORM_ADMIN));
            } else if ("uuid".equals(property.path("format").asText())) {
                cases.add(new Case(id, prefix + name + " is not a UUID", 400,
                        call -> withField(call, arrayBody, name, JsonNodeFactory.instance.textNode("not-a-uuid")),
                        Token.PLATFORM_ADMIN));
            } else if (property.has("enum")) {
                cases.add(new Case(id, "unknown value of the enumeration " + prefix + name, 422,
                        call -> withField(call, arrayBody, name, JsonNodeFactory.instance.textNode("no-such-value")),
                        Token.PLATFORM_ADMIN));
            }
        });

        properties.entrySet().stream()
                .filter(entry -> isPlainString(entry.getValue()) && !PER_ITEM_VERDICTS.contains(id))
                .findFirst()
                .ifPresent(entry -> {
                    String name = entry.getKey();
                    cases.add(new Case(id, "a NUL character in " + prefix + name, 400,
                            call -> withField(call, arrayBody, name, JsonNodeFactory.instance.textNode("a\0b")),
                            Token.PLATFORM_ADMIN));
                    cases.add(new Case(id, "invalid UTF-8 in " + prefix + name, 400,
                            call -> withInvalidUtf8(call, arrayBody, name), Token.PLATFORM_ADMIN));
                });
        properties.forEach((name, property) -> {
            if ("object".equals(property.path("type").asText())) {
                ObjectNode nested = JsonNodeFactory.instance.objectNode();
                nested.putObject("deep").put("key", "a\0b");
                cases.add(new Case(id, "a NUL character nested in " + prefix + name, 400,
                        call -> withField(call, arrayBody, name, nested), Token.PLATFORM_ADMIN));
                ObjectNode key = JsonNodeFactory.instance.objectNode();
                key.put("a\0b", "value");
                cases.add(new Case(id, "a NUL character in a member name of " + prefix + name, 400,
                        call -> withField(call, arrayBody, name, key), Token.PLATFORM_ADMIN));
            } else if ("date-time".equals(property.path("format").asText()) && !PER_ITEM_VERDICTS.contains(id)) {
                for (String far : List.of(FAR_FUTURE, FAR_PAST)) {
                    cases.add(new Case(id, prefix + name + " is " + far, 400,
                            call -> withField(call, arrayBody, name, JsonNodeFactory.instance.textNode(far)),
                            Token.PLATFORM_ADMIN));
                }
            }
        });
        if (!PER_ITEM_VERDICTS.contains(id)) {
            cases.add(new Case(id, "a NUL character at the end of every string of the body, nested ones too", 400,
                    MalformedRequestTest::withNulInEveryString, Token.PLATFORM_ADMIN));
        }

        if (!OWN_BODY_LIMIT.contains(id)) {
            cases.add(new Case(id, "a body over 1 MB", 413,
                    call -> call.withBody(call.contentType(), oversized(arrayBody)), Token.PLATFORM_ADMIN));
        }
        cases.add(new Case(id, "content type text/plain", 415,
                call -> call.withBody("text/plain", call.body()), Token.PLATFORM_ADMIN));
        cases.add(new Case(id, "content type application/xml", 415,
                call -> call.withBody("application/xml", "<name>x</name>"), Token.PLATFORM_ADMIN));
    }

    private static JsonNode jsonSchemaOf(Operation op) {
        JsonNode content = op.node().path("requestBody").path("content");
        for (String type : op.requestMediaTypes()) {
            if (type.contains("json")) {
                return content.path(type).path("schema");
            }
        }
        throw new IllegalStateException(op.display() + " takes no JSON body");
    }

    private static boolean isPlainString(JsonNode schema) {
        return "string".equals(schema.path("type").asText()) && !schema.has("enum") && !schema.has("format");
    }

    private static HttpCall withField(HttpCall call, boolean arrayBody, String name, JsonNode value) {
        try {
            JsonNode body = JSON.readTree(call.bodyText());
            ObjectNode target = (ObjectNode) (arrayBody ? ((ArrayNode) body).get(0) : body);
            target.set(name, value);
            return call.withBody(call.contentType(), JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot change the body of " + call, e);
        }
    }

    private static HttpCall withNulInEveryString(HttpCall call) {
        try {
            JsonNode body = JSON.readTree(call.bodyText());
            return call.withBody(call.contentType(), JSON.writeValueAsString(nulInEveryString(body)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot change the body of " + call, e);
        }
    }

    private static JsonNode nulInEveryString(JsonNode node) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(node.textValue() + "\0");
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(nulInEveryString(item)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(member -> copy.set(member.getKey(), nulInEveryString(member.getValue())));
            return copy;
        }
        return node;
    }

    /** The body with {@code name} set to a string holding a byte sequence that is not UTF-8 (0xC3 0x28). */
    private static HttpCall withInvalidUtf8(HttpCall call, boolean arrayBody, String name) {
        String marked = withField(call, arrayBody, name, JsonNodeFactory.instance.textNode("@@BAD@@")).bodyText();
        int at = marked.indexOf("@@BAD@@");
        byte[] before = marked.substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] after = marked.substring(at + 7).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + 2 + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        body[before.length] = (byte) 0xC3;
        body[before.length + 1] = (byte) 0x28;
        System.arraycopy(after, 0, body, before.length + 2, after.length);
        return call.withBody(call.contentType(), body);
    }

    private static String oversized(boolean arrayBody) {
        String big = "\"" + "a".repeat(OVERSIZED_BYTES) + "\"";
        return arrayBody ? "[{\"userId\": " + big + "}]" : "{\"name\": " + big + "}";
    }

    /** Replaces the value of one path parameter in an already bound path. */
    private static String replaceSegment(String template, String bound, String parameter, String value) {
        String[] templateSegments = template.split("/");
        String[] boundSegments = bound.split("/");
        for (int i = 0; i < templateSegments.length; i++) {
            if (templateSegments[i].equals("{" + parameter + "}")) {
                boundSegments[i] = value;
            }
        }
        return String.join("/", boundSegments);
    }

    /**
     * Every case expects a refusal, and a refused request changes nothing, so one fixture serves all cases
     * until a request is (wrongly) accepted; then the next case gets a new one.
     */
    private static synchronized Fixture fixture() {
        if (fixture == null) {
            fixture = Fixture.fresh();
        }
        return fixture;
    }

    private static synchronized void accepted() {
        fixture = null;
    }

    private static String token(Token token) {
        return switch (token) {
            case PLATFORM_ADMIN -> Fixture.platformAdminToken();
            case NONE -> null;
            case GARBAGE -> "not.a.jwt";
            case UNKNOWN_KEY -> Jwt.issuer(TestTokens.ISSUER).subject("intruder").groups(Set.of("platform-admin"))
                    .sign(unknownKey());
            case FOREIGN_ISSUER -> Jwt.issuer("https://issuer.elsewhere.test").subject("intruder")
                    .groups(Set.of("platform-admin")).sign();
            case EXPIRED -> Jwt.issuer(TestTokens.ISSUER).subject(TestTokens.PLATFORM_ADMIN_SUBJECT)
                    .groups(Set.of("platform-admin"))
                    .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        };
    }

    private static synchronized PrivateKey unknownKey() {
        if (unknownKey != null) {
            return unknownKey;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            unknownKey = generator.generateKeyPair().getPrivate();
            return unknownKey;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
