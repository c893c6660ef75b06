package circles.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of rights in {@code docs/security.md} ("Each role's rights") says what the API does: each of its
 * cells ("yes", or "no" with the refusal's status in brackets) agrees with the permission matrix that
 * {@link PermissionMatrixTest} plays against the running API, and holds when sent to the running API itself.
 * A table that promises a right the API refuses (or hides one it gives) fails the build.
 */
@QuarkusTest
class RoleTableTest {

    static final String DOCUMENT = "docs/security.md";
    static final String SECTION = "## Each role's rights";

    /** The table's actor columns, by their heading. */
    static final Map<String, Actor> COLUMNS = Map.of(
            "Platform admin", Actor.PLATFORM_ADMIN,
            "Org admin", Actor.ORG_ADMIN,
            "it_admin", Actor.IT_ADMIN,
            "Group owner", Actor.GROUP_OWNER,
            "Moderator", Actor.GROUP_MODERATOR,
            "Plain org member", Actor.ORG_MEMBER,
            "Outside the org", Actor.OUTSIDER,
            "Another org's admin", Actor.OTHER_ORG_ADMIN);

    private static final Pattern CELL = Pattern.compile("(yes|no)(?:\\s*\\((.+)\\))?");
    private static final Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");
    private static final Pattern OPERATION = Pattern.compile("`([^`]+)`");

    private static Fixture readOnly;
    private static Fixture unchanged;

    /** One cell: whether the table says the actor may do it, and the status it names (null: none named). */
    record Cell(String action, String rowKey, Actor actor, boolean allowed, Integer status, String text) {

        /** What is wrong with this cell given the status the API answers; null when nothing is. */
        String disagreement(int answered) {
            boolean succeeded = answered >= 200 && answered < 300;
            if (succeeded != allowed || (status != null && status != answered)) {
                return "'" + action + "' (" + rowKey + ") for " + actor.column() + " says '" + text + "' but the"
                        + " answer is " + answered;
            }
            return null;
        }
    }

    /** The table under {@value #SECTION}: every cell, row by row. */
    static List<Cell> cells() {
        return parse(read());
    }

    static List<Cell> parse(List<String> lines) {
        int section = lines.indexOf(SECTION);
        if (section < 0) {
            throw new IllegalStateException(DOCUMENT + " has no section '" + SECTION + "'");
        }
        int start = section + 1;
        while (start < lines.size() && !isTableHeading(lines.get(start))) {
            if (lines.get(start).startsWith("## ")) {
                throw new IllegalStateException("the section '" + SECTION + "' of " + DOCUMENT
                        + " has no table with an Operation column");
            }
            start++;
        }
        List<String> heading = cellsOf(lines.get(start));
        List<Actor> actors = new ArrayList<>();
        for (String column : heading.subList(2, heading.size())) {
            Actor actor = COLUMNS.get(column);
            if (actor == null) {
                throw new IllegalStateException(DOCUMENT + ": the column '" + column + "' names no caller of the"
                        + " permission matrix; known: " + COLUMNS.keySet());
            }
            actors.add(actor);
        }
        List<Cell> cells = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> row = cellsOf(lines.get(i));
            if (row.size() != heading.size()) {
                throw new IllegalStateException(DOCUMENT + " line " + (i + 1) + " has " + row.size()
                        + " cells instead of " + heading.size());
            }
            Matcher operation = OPERATION.matcher(row.get(1));
            if (!operation.matches()) {
                throw new IllegalStateException(DOCUMENT + " line " + (i + 1) + ": '" + row.get(1)
                        + "' is not an operation in backquotes");
            }
            for (int column = 2; column < row.size(); column++) {
                String text = row.get(column);
                Matcher cell = CELL.matcher(text);
                if (!cell.matches()) {
                    throw new IllegalStateException(DOCUMENT + " line " + (i + 1) + ", column '"
                            + heading.get(column) + "': '" + text + "' is neither 'yes' nor 'no', with an optional"
                            + " note in brackets");
                }
                String note = cell.group(2);
                Integer status = note != null && STATUS.matcher(note.strip()).matches()
                        ? Integer.valueOf(note.strip()) : null;
                cells.add(new Cell(row.get(0), operation.group(1), actors.get(column - 2),
                        cell.group(1).equals("yes"), status, text));
            }
        }
        return List.copyOf(cells);
    }

    private static boolean isTableHeading(String line) {
        List<String> cells = line.startsWith("|") ? cellsOf(line) : List.of();
        return cells.size() > 2 && cells.get(0).equals("Action") && cells.get(1).equals("Operation");
    }

    private static List<String> cellsOf(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }

    private static List<String> read() {
        Path root = ContractDocument.load().file().getParent();
        try {
            return Files.readAllLines(root.resolve(DOCUMENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_table_has_a_column_for_every_caller_of_the_matrix_and_a_row_for_each_action_once() {
        List<Cell> cells = cells();
        Set<Actor> columns = EnumSet.noneOf(Actor.class);
        cells.forEach(cell -> columns.add(cell.actor()));
        assertThat(columns).containsExactlyInAnyOrder(Actor.values());
        List<String> rows = cells.stream().map(Cell::rowKey).distinct().toList();
        assertThat(cells).hasSize(rows.size() * Actor.values().length);
        assertThat(rows).as("operations of the table").hasSizeGreaterThanOrEqualTo(15)
                .allSatisfy(rowKey -> assertThat(PermissionMatrix.rows()).as("matrix row %s", rowKey)
                        .anyMatch(row -> row.key().equals(rowKey)));
    }

    @Test
    void every_cell_agrees_with_the_permission_matrix() {
        List<String> disagreements = new ArrayList<>();
        for (Cell cell : cells()) {
            String wrong = cell.disagreement(PermissionMatrix.row(cell.rowKey()).expected().get(cell.actor()));
            if (wrong != null) {
                disagreements.add(wrong);
            }
        }
        assertThat(disagreements).as("cells of the table in %s that %s contradicts", DOCUMENT,
                PermissionMatrix.RESOURCE).isEmpty();
    }

    @Test
    void a_cell_that_promises_a_right_the_api_refuses_is_caught() {
        List<String> lines = new ArrayList<>(read());
        int row = lines.indexOf(lines.stream().filter(line -> line.startsWith("| Delete the group |")).findFirst()
                .orElseThrow());
        lines.set(row, lines.get(row).replace("| yes | yes | yes | yes | no (403) |",
                "| yes | yes | yes | yes | yes |"));

        List<String> wrong = parse(lines).stream()
                .map(cell -> cell.disagreement(PermissionMatrix.row(cell.rowKey()).expected().get(cell.actor())))
                .filter(Objects::nonNull)
                .toList();

        assertThat(wrong).containsExactly("'Delete the group' (deleteGroup) for groupModerator says 'yes' but the"
                + " answer is 403");
    }

    static Stream<Arguments> tableCells() {
        return cells().stream().map(cell -> Arguments.of(cell.action(), cell.actor().column(), cell.text()));
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("tableCells")
    void each_cell_holds_against_the_running_api(String action, String column, String text) {
        Cell cell = cells().stream()
                .filter(candidate -> candidate.action().equals(action) && candidate.actor().column().equals(column))
                .findFirst().orElseThrow();
        boolean mutates = PermissionMatrix.row(cell.rowKey()).mutates();
        Fixture fixture = mutates ? unchanged() : readOnly();
        HttpCall call = OperationRequests.build(cell.rowKey(), fixture);

        Response response = call.send(fixture.tokenOf(cell.actor()));
        if (mutates) {
            keepIfRefused(fixture, response.statusCode());
        }

        assertThat(cell.disagreement(response.statusCode())).as("%s %s answered %s", call,
                call.bodyText() == null ? "" : call.bodyText(), Problems.abbreviate(response.asString())).isNull();
    }

    private static synchronized Fixture unchanged() {
        Fixture fixture = unchanged;
        unchanged = null;
        return fixture != null ? fixture : Fixture.fresh();
    }

    /** A refused request changed nothing, so its fixture serves the next mutating call. */
    private static synchronized void keepIfRefused(Fixture fixture, int status) {
        if (status >= 400 && status < 500) {
            unchanged = fixture;
        }
    }

    private static synchronized Fixture readOnly() {
        if (readOnly == null) {
            readOnly = Fixture.fresh();
        }
        return readOnly;
    }
}
