package circles.adapter.out.persistence.dynamic;

import circles.domain.rule.Rule;
import circles.domain.rule.RuleWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code groups.rule} column (jsonb): a rule is written in its canonical form and read back as that form in
 * plain data, never parsed into a {@link Rule} here (the core parses it with the criterion types it has now).
 * Decimals stay {@code BigDecimal} both ways, as the REST adapter reads them, so a threshold keeps its digits; keys
 * keep the order the column gives.
 */
final class RuleColumn {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> DOCUMENT = new TypeReference<>() {
    };

    private RuleColumn() {
    }

    static String write(Rule rule) {
        try {
            return MAPPER.writeValueAsString(RuleWriter.canonical(rule));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store the rule as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return MAPPER.readValue(json, DOCUMENT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
