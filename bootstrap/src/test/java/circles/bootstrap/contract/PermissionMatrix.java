package circles.bootstrap.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code contract/permission-matrix.csv}: one row per operation (plus a few variant rows written
 * {@code operationId#variant}), one column per {@link Actor}, each cell the expected HTTP status.
 */
final class PermissionMatrix {

    static final String RESOURCE = "contract/permission-matrix.csv";
    static final List<String> HEADER = List.of("operationId", "method", "path", "platformAdmin", "orgAdmin",
            "itAdmin", "orgMember", "groupOwner", "groupModerator", "outsider", "otherOrgAdmin", "comment");

    private static List<Row> rows;

    private PermissionMatrix() {
    }

    record Row(int line, String key, String method, String path, Map<Actor, Integer> expected, String comment) {

        String operationId() {
            return OperationRequests.operationIdOf(key);
        }

        boolean mutates() {
            return !"GET".equals(method);
        }
    }

    static synchronized List<Row> rows() {
        if (rows == null) {
            rows = read();
        }
        return rows;
    }

    static Row row(String key) {
        return rows().stream().filter(row -> row.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No matrix row " + key));
    }

    private static List<Row> read() {
        List<List<String>> records = parse(load());
        if (records.isEmpty() || !records.getFirst().equals(HEADER)) {
            throw new IllegalStateException(RESOURCE + " must start with the header " + String.join(",", HEADER)
                    + " but starts with " + (records.isEmpty() ? "nothing" : records.getFirst()));
        }
        List<Row> result = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            int line = i + 1;
            if (cells.size() != HEADER.size()) {
                throw new IllegalStateException(RESOURCE + " line " + line + " has " + cells.size()
                        + " cells instead of " + HEADER.size() + ": " + cells);
            }
            Map<Actor, Integer> expected = new EnumMap<>(Actor.class);
            for (Actor actor : Actor.values()) {
                String cell = cells.get(HEADER.indexOf(actor.column())).strip();
                if (!cell.matches("[1-5][0-9][0-9]")) {
                    throw new IllegalStateException(RESOURCE + " line " + line + ", column " + actor.column()
                            + ": '" + cell + "' is not an HTTP status");
                }
                expected.put(actor, Integer.parseInt(cell));
            }
            result.add(new Row(line, cells.get(0).strip(), cells.get(1).strip(), cells.get(2).strip(),
                    expected, cells.get(HEADER.size() - 1).strip()));
        }
        return List.copyOf(result);
    }

    private static String load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 records: comma separated, double-quoted cells may hold commas and doubled quotes. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    record.add(cell.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalStateException(RESOURCE + " ends inside a quoted cell");
        }
        if (any || cell.length() > 0) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
