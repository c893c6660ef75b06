package circles.domain.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a rule in its canonical form as plain Java values ({@code Map}, {@code List}, scalars) for a JSON writer. */
public final class RuleWriter {
    private RuleWriter() {
    }

    public static Map<String, Object> canonical(Rule rule) {
        return switch (rule) {
            case Rule.All all -> Map.of("all", list(all.rules()));
            case Rule.Any any -> Map.of("any", list(any.rules()));
            case Rule.Not not -> Map.of("not", canonical(not.rule()));
            case Rule.Leaf leaf -> {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("criterion", leaf.criterion().type());
                node.putAll(leaf.criterion().config());
                yield node;
            }
        };
    }

    private static List<Object> list(List<Rule> rules) {
        return rules.stream().<Object>map(RuleWriter::canonical).toList();
    }
}
