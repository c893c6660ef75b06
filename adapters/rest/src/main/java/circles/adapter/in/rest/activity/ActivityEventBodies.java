package circles.adapter.in.rest.activity;

import circles.adapter.in.rest.problem.HttpProblem;
import circles.adapter.in.rest.problem.ProblemType;
import circles.application.port.in.activity.IngestActivityUseCase;
import circles.domain.activity.ActivityEventDraft;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ingestion body, a JSON array of activity events, as a stream: only the current event is ever a tree, and
 * reading stops one event past the most a call takes. A syntax error or a value of the wrong JSON type makes the
 * whole request malformed (400); what the values mean (a missing field, an unknown type, a quantity out of range) is
 * checked per event by the use case.
 */
public final class ActivityEventBodies {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ActivityEventBodies() {
    }

    /** The events of the body; at most {@link IngestActivityUseCase#MAX_EVENTS} + 1 (the command refuses more). */
    public static List<ActivityEventDraft> read(InputStream body) {
        List<ActivityEventDraft> events = new ArrayList<>();
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new HttpProblem(ProblemType.MALFORMED_JSON, "A JSON request body is required.");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new HttpProblem(ProblemType.INVALID_INPUT, "The request body must be a JSON array of events.",
                        List.of(new FieldError("body", "must be a JSON array")));
            }
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (next == null) {
                    throw new HttpProblem(ProblemType.MALFORMED_JSON, "The request body ends inside the JSON array.");
                }
                int index = events.size();
                if (next != JsonToken.START_OBJECT) {
                    throw new InvalidInput("[" + index + "]", "must be a JSON object");
                }
                events.add(event(index, parser.readValueAsTree()));
                if (events.size() > IngestActivityUseCase.MAX_EVENTS) {
                    return events;
                }
            }
            if (parser.nextToken() != null) {
                throw new HttpProblem(ProblemType.MALFORMED_JSON, "The request body has data after the JSON array.");
            }
            return events;
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static ActivityEventDraft event(int index, JsonNode event) {
        return new ActivityEventDraft(text(index, event, "eventId"), text(index, event, "userId"),
                text(index, event, "type"), text(index, event, "occurredAt"), quantity(index, event));
    }

    private static String text(int index, JsonNode event, String name) {
        JsonNode value = event.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInput("[" + index + "]." + name, "must be a string");
        }
        return value.textValue();
    }

    /** The quantity, or null when absent; a whole number too large for a long is out of range all the same. */
    private static Long quantity(int index, JsonNode event) {
        JsonNode value = event.get("quantity");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new InvalidInput("[" + index + "].quantity", "must be a whole number");
        }
        return value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE;
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
