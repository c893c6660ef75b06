package circles.bootstrap.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API contract, {@code openapi.yaml} at the repository root, read as a plain tree so that tests can
 * list its operations and follow its {@code $ref}s without trusting any generator.
 */
final class ContractDocument {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> HTTP_METHODS =
            List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static ContractDocument loaded;

    private final Path file;
    private final JsonNode root;
    private final List<Operation> operations;

    private ContractDocument(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
        this.operations = readOperations();
    }

    /** The repository's {@code openapi.yaml}, read once per test run. */
    static synchronized ContractDocument load() {
        if (loaded == null) {
            Path file = locate();
            try {
                loaded = new ContractDocument(file, YAML.readTree(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return loaded;
    }

    /** The file sits at the repository root; tests run from the module directory or from the root. */
    private static Path locate() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            Path file = candidate.resolve("openapi.yaml");
            if (Files.isRegularFile(file) && Files.isRegularFile(candidate.resolve("mvnw"))) {
                return file;
            }
        }
        throw new IllegalStateException("No openapi.yaml found at the repository root above " + dir);
    }

    Path file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    List<Operation> operations() {
        return operations;
    }

    Optional<Operation> operation(String operationId) {
        return operations.stream().filter(op -> op.id().equals(operationId)).findFirst();
    }

    Operation require(String operationId) {
        return operation(operationId)
                .orElseThrow(() -> new IllegalArgumentException("openapi.yaml has no operation " + operationId));
    }

    /** Follows a local {@code $ref} (repeatedly); other nodes are returned as they are. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref loop at " + node);
            }
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("Only local $refs are supported: " + ref);
            }
            JsonNode target = root.at(JsonPointer.compile(ref.substring(1)));
            if (target.isMissingNode()) {
                throw new IllegalStateException("Dangling $ref " + ref);
            }
            current = target;
        }
        return current;
    }

    private List<Operation> readOperations() {
        List<Operation> result = new ArrayList<>();
        JsonNode paths = root.path("paths");
        paths.fieldNames().forEachRemaining(path -> {
            JsonNode item = paths.get(path);
            List<JsonNode> shared = new ArrayList<>();
            item.path("parameters").forEach(p -> shared.add(resolve(p)));
            for (String method : HTTP_METHODS) {
                JsonNode op = item.get(method);
                if (op == null) {
                    continue;
                }
                Map<String, JsonNode> parameters = new LinkedHashMap<>();
                for (JsonNode p : shared) {
                    parameters.put(p.path("in").asText() + ":" + p.path("name").asText(), p);
                }
                op.path("parameters").forEach(p -> {
                    JsonNode resolved = resolve(p);
                    parameters.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
                });
                result.add(new Operation(op.path("operationId").asText(null), method.toUpperCase(Locale.ROOT),
                        path, op, List.copyOf(parameters.values())));
            }
        });
        return List.copyOf(result);
    }

    /** One operation of the contract with its parameters (path-level ones included, {@code $ref}s resolved). */
    record Operation(String id, String method, String path, JsonNode node, List<JsonNode> parameters) {

        List<JsonNode> parameters(String in) {
            return parameters.stream().filter(p -> in.equals(p.path("in").asText())).toList();
        }

        boolean takesBody() {
            return node.has("requestBody");
        }

        /** The media types of the request body, in the order the contract lists them. */
        List<String> requestMediaTypes() {
            List<String> types = new ArrayList<>();
            node.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        String display() {
            return id + " (" + method + " " + path + ")";
        }
    }
}
