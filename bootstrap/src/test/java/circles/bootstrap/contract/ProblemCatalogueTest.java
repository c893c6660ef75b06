package circles.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.problem.ProblemType;
import circles.domain.masterdata.MasterDataKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One problem catalogue: the {@link ProblemType} enum, {@code docs/problems.md} and the {@code x-problem-types} list
 * of {@code openapi.yaml} say the same, the contract's example problems use catalogued codes, and every code the
 * main sources throw is catalogued (a source scan; SCIM answers SCIM error documents and is left out).
 */
class ProblemCatalogueTest {

    private static final Path ROOT = ContractDocument.load().file().getParent();
    private static final JsonNode CONTRACT = ContractDocument.load().root();

    /**
     * Where codes are written in main code, how the written text becomes the code, and the status the exception
     * kind stood for before the catalogue gave each code its own (0: the kind does not tell).
     */
    private record CodeSite(Pattern pattern, UnaryOperator<String> code, int status) {
    }

    private static final List<CodeSite> SITES = List.of(
            new CodeSite(Pattern.compile("new RuleViolation\\(\\s*\"([a-z0-9-]+)\""), c -> c, 422),
            new CodeSite(Pattern.compile("new Conflict\\(\\s*\"([a-z0-9-]+)\""), c -> c, 409),
            new CodeSite(Pattern.compile("new NotFound\\(\\s*\"([a-z0-9-]+)\""), c -> c + "-not-found", 404),
            new CodeSite(Pattern.compile("StaleWrites\\.conflict\\([^,]+,\\s*\"([a-z0-9-]+)\""), c -> c + "-not-found",
                    404),
            new CodeSite(Pattern.compile("super\\(\\s*\"([a-z0-9-]+)\""), c -> c, 0));
    /** SCIM group replacement reports a stale version as a conflict; SCIM routes answer it themselves. */
    private static final Set<String> SCIM_ONLY_STATUS = Set.of("version-mismatch");

    private static String row(ProblemType type) {
        return type.code() + " | " + type.status() + " | " + type.meaning() + " | " + type.extra().label();
    }

    private static Set<String> catalogue() {
        return Arrays.stream(ProblemType.values()).map(ProblemType::code).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void docs_problems_md_lists_exactly_the_catalogue() throws IOException {
        List<String> documented = Files.readAllLines(ROOT.resolve("docs/problems.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1))
                        .map(cell -> cell.strip().replace("\\|", "|"))
                        .map(cell -> cell.startsWith("`") && cell.endsWith("`") && cell.indexOf('`', 1) == cell.length() - 1
                                ? cell.substring(1, cell.length() - 1) : cell)
                        .collect(Collectors.joining(" | ")))
                .toList();

        assertThat(documented).containsExactlyElementsOf(Arrays.stream(ProblemType.values())
                .map(ProblemCatalogueTest::row).toList());
    }

    @Test
    void openapi_lists_exactly_the_catalogue_as_the_problem_type_enum_and_its_x_problem_types() {
        JsonNode schema = CONTRACT.path("components").path("schemas").path("ProblemType");
        List<String> enumerated = new ArrayList<>();
        schema.path("enum").forEach(code -> enumerated.add(code.asText()));
        List<String> listed = new ArrayList<>();
        schema.path("x-problem-types").forEach(entry -> listed.add(entry.path("code").asText() + " | "
                + entry.path("status").asInt() + " | " + entry.path("meaning").asText() + " | "
                + entry.path("extra").asText("")));

        assertThat(enumerated).containsExactlyElementsOf(Arrays.stream(ProblemType.values())
                .map(ProblemType::code).toList());
        assertThat(listed).containsExactlyElementsOf(Arrays.stream(ProblemType.values())
                .map(ProblemCatalogueTest::row).toList());
    }

    @Test
    void every_example_problem_of_the_contract_has_a_catalogued_type_with_its_status_and_title() {
        List<String> wrong = new ArrayList<>();
        List<JsonNode> examples = new ArrayList<>();
        collectProblems(CONTRACT.path("paths"), examples);
        collectProblems(CONTRACT.path("components").path("responses"), examples);
        for (JsonNode example : examples) {
            String type = example.path("type").asText();
            ProblemType known = type.startsWith(ProblemType.TYPE_BASE)
                    ? ProblemType.ofCode(type.substring(ProblemType.TYPE_BASE.length())).orElse(null) : null;
            if (known == null) {
                wrong.add(type + ": not a catalogued problem type URI");
            } else if (known.status() != example.path("status").asInt()
                    || !known.title().equals(example.path("title").asText())) {
                wrong.add(type + ": status " + example.path("status") + " and title " + example.path("title")
                        + ", but the catalogue says " + known.status() + " and " + known.title());
            }
        }
        assertThat(examples).hasSizeGreaterThan(10);
        assertThat(wrong).isEmpty();
    }

    /** Problem documents in examples: objects with a textual type, a title and a numeric status. */
    private static void collectProblems(JsonNode node, List<JsonNode> found) {
        if (node.isObject() && node.path("type").isTextual() && node.path("status").isInt() && node.has("title")) {
            found.add(node);
        }
        node.forEach(child -> collectProblems(child, found));
    }

    @Test
    void every_code_the_main_sources_throw_is_catalogued() throws IOException {
        TreeMap<String, String> used = new TreeMap<>();
        List<String> otherStatus = new ArrayList<>();
        for (Path source : mainSources()) {
            String text = Files.readString(source);
            for (CodeSite site : SITES) {
                Matcher match = site.pattern().matcher(text);
                while (match.find()) {
                    String code = site.code().apply(match.group(1));
                    used.putIfAbsent(code, ROOT.relativize(source).toString());
                    ProblemType type = ProblemType.ofCode(code).orElse(null);
                    if (type != null && site.status() != 0 && type.status() != site.status()
                            && !SCIM_ONLY_STATUS.contains(code)) {
                        otherStatus.add(code + " is thrown as a " + site.status() + " but catalogued as "
                                + type.status());
                    }
                }
            }
        }
        // Master-data entries are not found by their kind's name, built at run time.
        for (MasterDataKind kind : MasterDataKind.values()) {
            used.putIfAbsent(kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-not-found", "MasterDataKind");
        }

        assertThat(used).as("codes found by the scan").hasSizeGreaterThan(50);
        Set<String> catalogue = catalogue();
        assertThat(used.entrySet().stream().filter(entry -> !catalogue.contains(entry.getKey()))
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")").toList())
                .as("codes thrown in main code but missing from ProblemType").isEmpty();
        assertThat(otherStatus).isEmpty();
    }

    @Test
    void only_the_catalogue_builds_problem_type_uris() throws IOException {
        List<String> builders = new ArrayList<>();
        for (Path source : mainSources()) {
            String text = Files.readString(source);
            if (!source.endsWith("ProblemType.java")
                    && (text.contains("circles.dev/problems") || text.contains("TYPE_BASE +"))) {
                builders.add(ROOT.relativize(source).toString());
            }
        }
        assertThat(builders).isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(ROOT.resolve("domain/src/main/java"),
                ROOT.resolve("application/src/main/java"), ROOT.resolve("bootstrap/src/main/java")));
        try (Stream<Path> adapters = Files.list(ROOT.resolve("adapters"))) {
            adapters.filter(dir -> !dir.getFileName().toString().equals("scim"))
                    .map(dir -> dir.resolve("src/main/java")).filter(Files::isDirectory).forEach(roots::add);
        }
        List<Path> sources = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return sources;
    }
}
