package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.NulCharacters;
import circles.adapter.in.rest.problem.HttpProblem;
import circles.adapter.in.rest.problem.ProblemType;
import circles.application.port.in.member.ImportField;
import circles.application.port.in.member.ImportRow;
import circles.domain.shared.FieldError;
import circles.domain.shared.InvalidInput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV import body (RFC 4180, a header row naming the columns), read record by record. Columns are
 * the import's field names and {@code custom.<key>} for custom attributes; an empty cell clears the field, a
 * column the file leaves out leaves the field as it is. A malformed file or an unknown column is a 400; a record
 * whose number of fields differs from the header's fails as a row.
 */
public final class CsvImportRows implements Iterator<ImportRow> {
    static final String CUSTOM_PREFIX = "custom.";
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<Column> columns = new ArrayList<>();
    private int index;

    /** One column of the header: a field, or the key of a custom attribute. */
    private record Column(ImportField field, String customKey) {
    }

    public CsvImportRows(InputStream body, Charset charset) {
        try {
            PushbackReader reader = new PushbackReader(new InputStreamReader(body, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
            int first = reader.read();
            if (first != -1 && first != BYTE_ORDER_MARK) {
                reader.unread(first);
            }
            this.parser = CSVParser.parse(reader, FORMAT);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw malformed(e);
        }
        List<String> header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new HttpProblem(ProblemType.INVALID_INPUT, "The CSV body needs a header row naming its columns.",
                    List.of(new FieldError("header", "is missing")));
        }
        List<FieldError> unknown = new ArrayList<>();
        for (String name : header) {
            String column = name.strip();
            if (column.startsWith(CUSTOM_PREFIX) && column.length() > CUSTOM_PREFIX.length()) {
                columns.add(new Column(null, column.substring(CUSTOM_PREFIX.length())));
            } else {
                ImportField field = ImportField.byWireName(column).orElse(null);
                if (field == null) {
                    unknown.add(new FieldError("header", "unknown column '" + name + "'"));
                }
                columns.add(new Column(field, null));
            }
        }
        if (!unknown.isEmpty()) {
            throw new HttpProblem(ProblemType.INVALID_INPUT, "The CSV header names columns an import does not know; "
                    + "use the field names of an org member and custom.<key>.", unknown);
        }
        if (columns.stream().noneMatch(c -> c.field() == ImportField.USER_ID || c.field() == ImportField.EMAIL)) {
            throw new HttpProblem(ProblemType.INVALID_INPUT, "The CSV header needs a userId or an email column.",
                    List.of(new FieldError("header", "needs a userId or an email column")));
        }
        this.records = parser.iterator();
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw malformed(e);
        }
    }

    @Override
    public ImportRow next() {
        CSVRecord record;
        try {
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw malformed(e);
        }
        int at = index++;
        Map<ImportField, String> values = new EnumMap<>(ImportField.class);
        Map<String, String> custom = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        if (record.size() != columns.size()) {
            errors.add(new FieldError("row", "has " + record.size() + " fields; the header has " + columns.size()));
        } else {
            for (int i = 0; i < columns.size(); i++) {
                String value = record.get(i);
                String cell = value == null || value.isEmpty() ? null : value;
                Column column = columns.get(i);
                if (NulCharacters.in(cell)) {
                    throw new InvalidInput("[" + at + "]." + header(column), NulCharacters.REFUSAL);
                }
                if (column.field() != null) {
                    values.put(column.field(), cell);
                } else {
                    custom.put(column.customKey(), cell);
                }
            }
        }
        return new ImportRow(at, values, false, custom, errors);
    }

    private static String header(Column column) {
        return column.field() != null ? column.field().wireName() : CUSTOM_PREFIX + column.customKey();
    }

    private static HttpProblem malformed(Exception failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new HttpProblem(ProblemType.MALFORMED_CSV, "The request body is not valid CSV (RFC 4180): " + reason);
    }
}
