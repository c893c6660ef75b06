package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.NulCharacters;
import circles.adapter.in.rest.problem.HttpProblem;
import circles.adapter.in.rest.problem.ProblemType;
import circles.application.port.in.member.ImportField;
import circles.application.port.in.member.ImportRow;
import circles.domain.shared.FieldError;
import circles.domain.shared.InvalidInput;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows of a JSON import body (an array of objects), parsed as a stream: only the current row is ever a tree.
 * A syntax error or a value of the wrong JSON type anywhere makes the whole request malformed (400); rules about
 * the values are the import's business.
 */
public final class JsonImportRows implements Iterator<ImportRow> {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String CUSTOM = "customAttributes";

    private final JsonParser parser;
    private int index;
    private JsonToken next;
    private boolean ended;

    public JsonImportRows(InputStream body) {
        try {
            this.parser = STRICT.createParser(body);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new HttpProblem(ProblemType.MALFORMED_JSON, "A JSON request body is required.");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new HttpProblem(ProblemType.INVALID_INPUT, "The request body must be a JSON array.",
                        List.of(new FieldError("body", "must be a JSON array")));
            }
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    @Override
    public boolean hasNext() {
        if (ended) {
            return false;
        }
        if (next == null) {
            try {
                next = parser.nextToken();
                if (next == null) {
                    throw new HttpProblem(ProblemType.MALFORMED_JSON, "The request body ends inside the JSON array.");
                }
                if (next == JsonToken.END_ARRAY) {
                    ended = true;
                    if (parser.nextToken() != null) {
                        throw new HttpProblem(ProblemType.MALFORMED_JSON, "The request body has data after the JSON array.");
                    }
                    return false;
                }
            } catch (IOException e) {
                throw malformed(e);
            }
        }
        return true;
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int at = index++;
        if (next != JsonToken.START_OBJECT) {
            throw new InvalidInput("[" + at + "]", "must be a JSON object");
        }
        next = null;
        JsonNode row;
        try {
            row = parser.readValueAsTree();
        } catch (IOException e) {
            throw malformed(e);
        }
        return toRow(at, row);
    }

    private static ImportRow toRow(int at, JsonNode row) {
        NulCharacters.firstIn(row).ifPresent(field -> {
            throw new InvalidInput("[" + at + "]" + (field.equals("body") ? "" : "." + field), NulCharacters.REFUSAL);
        });
        Map<ImportField, String> values = new EnumMap<>(ImportField.class);
        for (ImportField field : ImportField.values()) {
            JsonNode value = row.get(field.wireName());
            if (value == null) {
                continue;
            }
            if (!value.isNull() && !value.isTextual()) {
                throw new InvalidInput("[" + at + "]." + field.wireName(), "must be a string");
            }
            values.put(field, value.isNull() ? null : value.textValue());
        }
        boolean clearAll = false;
        Map<String, String> custom = new LinkedHashMap<>();
        JsonNode attributes = row.get(CUSTOM);
        if (attributes != null) {
            if (attributes.isNull()) {
                clearAll = true;
            } else if (!attributes.isObject()) {
                throw new InvalidInput("[" + at + "]." + CUSTOM, "must be a JSON object");
            } else {
                for (Map.Entry<String, JsonNode> entry : attributes.properties()) {
                    JsonNode value = entry.getValue();
                    if (!value.isNull() && !value.isTextual()) {
                        throw new InvalidInput("[" + at + "]." + CUSTOM + "." + entry.getKey(), "must be a string");
                    }
                    custom.put(entry.getKey(), value.isNull() ? null : value.textValue());
                }
            }
        }
        return new ImportRow(at, values, clearAll, custom, List.of());
    }

    private static HttpProblem malformed(IOException failure) {
        if (failure instanceof JsonProcessingException json) {
            JsonLocation where = json.getLocation();
            String position = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
            String reason = json.getOriginalMessage() == null ? ""
                    : ": " + json.getOriginalMessage().lines().findFirst().orElse("");
            return new HttpProblem(ProblemType.MALFORMED_JSON, "The request body is not valid JSON" + position + reason);
        }
        return new HttpProblem(ProblemType.UNREADABLE_BODY, "The request body could not be read: " + failure.getMessage());
    }
}
