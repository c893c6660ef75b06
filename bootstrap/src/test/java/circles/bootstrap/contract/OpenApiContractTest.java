package circles.bootstrap.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.contract.ContractDocument.Operation;
import circles.bootstrap.contract.PermissionMatrix.Row;
import circles.bootstrap.contract.RestEndpoints.Endpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Keeps code, served document and {@code openapi.yaml} from drifting apart: every endpoint of the REST
 * adapter is an operation of the contract and every operation is served; {@code /q/openapi} serves the file
 * unchanged; and the file documents what clients and generators need (examples, 400 and 401 answers).
 */
@QuarkusTest
class OpenApiContractTest {

    private static final int MAX_DIFFERENCES = 40;

    @Test
    void every_endpoint_of_the_rest_adapter_is_an_operation_of_the_contract() {
        Set<String> documented = ContractDocument.load().operations().stream()
                .map(op -> new Endpoint(op.method(), op.path(), op.id()).shape())
                .collect(Collectors.toSet());

        List<Endpoint> undocumented = RestEndpoints.scan(restRootPath()).stream()
                .filter(endpoint -> !documented.contains(endpoint.shape()))
                .toList();

        assertThat(undocumented).as("JAX-RS endpoints of %s missing from openapi.yaml", RestEndpoints.PACKAGE)
                .isEmpty();
    }

    @Test
    void every_operation_of_the_contract_is_implemented_by_the_rest_adapter() {
        List<Endpoint> endpoints = RestEndpoints.scan(restRootPath());
        Set<String> implemented = endpoints.stream().map(Endpoint::shape).collect(Collectors.toSet());
        Set<String> exact = endpoints.stream().map(e -> e.method() + " " + e.path()).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Operation op : ContractDocument.load().operations()) {
            String shape = new Endpoint(op.method(), op.path(), op.id()).shape();
            if (!implemented.contains(shape)) {
                problems.add(op.display() + " has no JAX-RS resource method");
            } else if (!exact.contains(op.method() + " " + op.path())) {
                problems.add(op.display() + " is implemented with other path parameter names");
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Calls each operation as a caller the permission matrix expects to succeed, on real resources: a route
     * that is not served answers 404 or 405 there, which no such caller may get.
     */
    @Test
    void every_operation_of_the_contract_is_served() {
        Fixture reads = Fixture.fresh();
        List<String> unserved = new ArrayList<>();
        for (Operation op : ContractDocument.load().operations()) {
            Row row = PermissionMatrix.rows().stream().filter(r -> r.key().equals(op.id())).findFirst().orElse(null);
            if (row == null) {
                unserved.add(op.display() + ": no row in the permission matrix to choose a caller from");
                continue;
            }
            Actor caller = Arrays.stream(Actor.values())
                    .filter(actor -> row.expected().get(actor) / 100 == 2)
                    .findFirst().orElse(null);
            if (caller == null) {
                unserved.add(op.display() + ": the permission matrix lets nobody succeed");
                continue;
            }
            Fixture fixture = "GET".equals(op.method()) ? reads : Fixture.fresh();
            HttpCall call = OperationRequests.build(op.id(), fixture);
            Response response = call.send(fixture.tokenOf(caller));
            int status = response.statusCode();
            if (status == 404 || status == 405 || status >= 500) {
                unserved.add(op.display() + " as " + caller.column() + " answered " + status + " "
                        + Problems.abbreviate(response.asString()));
            }
        }
        assertThat(unserved).isEmpty();
    }

    @Test
    void the_served_yaml_document_is_the_contract_file() {
        Response response = given().accept("application/yaml").get("/q/openapi");
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode served = parse(ContractDocument.YAML, response.asString());

        assertThat(differences(ContractDocument.load().root(), served))
                .as("differences between openapi.yaml and GET /q/openapi (YAML)").isEmpty();
    }

    @Test
    void the_served_json_document_is_the_contract_file() {
        Response response = given().get("/q/openapi?format=json");
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode served = parse(new ObjectMapper(), response.asString());

        assertThat(differences(ContractDocument.load().root(), served))
                .as("differences between openapi.yaml and GET /q/openapi?format=json").isEmpty();
    }

    @Test
    void every_json_request_body_and_success_response_has_an_example() {
        ContractDocument contract = ContractDocument.load();
        List<String> missing = new ArrayList<>();
        for (Operation op : contract.operations()) {
            JsonNode requestContent = contract.resolve(op.node().path("requestBody")).path("content");
            requestContent.fieldNames().forEachRemaining(type -> {
                if (type.contains("json") && !hasExample(requestContent.get(type))) {
                    missing.add(op.display() + ": request body " + type);
                }
            });
            JsonNode responses = op.node().path("responses");
            responses.fieldNames().forEachRemaining(status -> {
                if (!status.startsWith("2")) {
                    return;
                }
                JsonNode content = contract.resolve(responses.get(status)).path("content");
                content.fieldNames().forEachRemaining(type -> {
                    if (type.contains("json") && !hasExample(content.get(type))) {
                        missing.add(op.display() + ": response " + status + " " + type);
                    }
                });
            });
        }
        assertThat(missing).as("JSON bodies without an example").isEmpty();
    }

    @Test
    void every_operation_declares_400_and_401() {
        List<String> missing = new ArrayList<>();
        for (Operation op : ContractDocument.load().operations()) {
            for (String status : List.of("400", "401")) {
                if (!op.node().path("responses").has(status)) {
                    missing.add(op.display() + " lacks " + status);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The operations that never reach the database: their answers come from memory. */
    private static final Set<String> WITHOUT_DATABASE = Set.of("listCriterionTypes");

    @Test
    void every_operation_that_reaches_the_database_declares_503_with_retry_after() {
        ContractDocument contract = ContractDocument.load();
        List<String> missing = new ArrayList<>();
        for (Operation op : contract.operations()) {
            if (WITHOUT_DATABASE.contains(op.id())) {
                continue;
            }
            JsonNode unavailable = contract.resolve(op.node().path("responses").path("503"));
            if (unavailable.isMissingNode()
                    || contract.resolve(unavailable.path("headers").path("Retry-After")).isMissingNode()
                    || !unavailable.path("content").has("application/problem+json")) {
                missing.add(op.display());
            }
        }
        assertThat(missing).as("operations without a 503 problem answer carrying Retry-After").isEmpty();
    }

    @Test
    void every_operation_has_a_unique_operation_id() {
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Operation op : ContractDocument.load().operations()) {
            if (op.id() == null || op.id().isBlank()) {
                problems.add(op.method() + " " + op.path() + " has no operationId");
            } else if (!seen.add(op.id())) {
                problems.add(op.id() + " is used twice");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean hasExample(JsonNode mediaType) {
        if (mediaType.has("example")) {
            return true;
        }
        JsonNode examples = mediaType.path("examples");
        return examples.isObject() && examples.size() > 0;
    }

    private static String restRootPath() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.rest.path", String.class).orElse("/");
    }

    private static JsonNode parse(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("The served document does not parse: " + Problems.abbreviate(text), e);
        }
    }

    /** JSON pointers where the two trees differ, with both values; at most {@value #MAX_DIFFERENCES}. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> result = new ArrayList<>();
        compare("", expected, actual, result);
        return result;
    }

    private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> into) {
        if (into.size() >= MAX_DIFFERENCES) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name)) {
                    into.add(child + ": not in the file, served " + brief(actual.get(name)));
                } else if (!actual.has(name)) {
                    into.add(child + ": in the file (" + brief(expected.get(name)) + "), not served");
                } else {
                    compare(child, expected.get(name), actual.get(name), into);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                into.add(pointer + ": " + expected.size() + " items in the file, " + actual.size() + " served");
                return;
            }
            Iterator<JsonNode> left = expected.elements();
            Iterator<JsonNode> right = actual.elements();
            for (int i = 0; left.hasNext(); i++) {
                compare(pointer + "/" + i, left.next(), right.next(), into);
            }
        } else if (!sameValue(expected, actual)) {
            into.add(pointer + ": file " + brief(expected) + ", served " + brief(actual));
        }
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static String brief(JsonNode node) {
        String text = node == null ? "null" : node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
