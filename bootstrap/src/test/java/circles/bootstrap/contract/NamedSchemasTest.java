package circles.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each set of values of {@code openapi.yaml} has one named schema that every use refers to, so that generated clients
 * get one type per set: no enumeration is copied inline next to the named schema with the same values, and each
 * {@code <Name>OrNull} schema (for members that may be null) has exactly its base schema's values plus null.
 */
class NamedSchemasTest {

    private static final JsonNode SCHEMAS = ContractDocument.load().root().path("components").path("schemas");

    /** The non-null values of an enumeration. */
    private static Set<String> values(JsonNode enumeration) {
        Set<String> values = new TreeSet<>();
        enumeration.forEach(value -> {
            if (!value.isNull()) {
                values.add(value.asText());
            }
        });
        return values;
    }

    @Test
    void no_enumeration_is_copied_inline_from_a_named_schema() {
        Map<Set<String>, String> named = new LinkedHashMap<>();
        SCHEMAS.fields().forEachRemaining(entry -> {
            if (entry.getValue().has("enum") && !entry.getKey().endsWith("OrNull")) {
                named.put(values(entry.getValue().path("enum")), entry.getKey());
            }
        });
        List<String> copies = new ArrayList<>();
        collect(ContractDocument.load().root(), "", named, copies);

        assertThat(named).hasSizeGreaterThan(10);
        assertThat(copies).isEmpty();
    }

    private static void collect(JsonNode node, String path, Map<Set<String>, String> named, List<String> copies) {
        boolean namedSchema = path.matches("/components/schemas/[^/]+");
        if (node.isObject() && node.has("enum") && !namedSchema) {
            String same = named.get(values(node.path("enum")));
            if (same != null) {
                copies.add(path + " repeats the values of " + same);
            }
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> collect(entry.getValue(), path + "/" + entry.getKey(), named,
                    copies));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, named, copies);
            }
        }
    }

    @Test
    void every_or_null_schema_is_its_base_schema_plus_null() {
        List<String> names = new ArrayList<>();
        SCHEMAS.fieldNames().forEachRemaining(name -> {
            if (name.endsWith("OrNull")) {
                names.add(name);
            }
        });

        assertThat(names).isNotEmpty();
        for (String name : names) {
            JsonNode orNull = SCHEMAS.path(name);
            JsonNode base = SCHEMAS.path(name.substring(0, name.length() - "OrNull".length()));
            assertThat(base.has("enum")).as("%s has a base schema with an enum", name).isTrue();
            assertThat(orNull.path("nullable").asBoolean()).as("%s is nullable", name).isTrue();
            assertThat(values(orNull.path("enum"))).as(name).isEqualTo(values(base.path("enum")));
            assertThat(orNull.path("enum").toString()).as("%s lists null", name).contains("null");
        }
    }
}
