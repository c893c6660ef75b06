package circles.domain.rule;

import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.CriterionType;
import circles.domain.criterion.RuleProblem;
import circles.domain.criterion.reporting.ReportsToCriterionType;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a rule from plain Java values as a JSON parser produces them ({@code Map}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}). Two forms are accepted: the canonical tree
 * ({@code {"all": [...]}}, {@code {"any": [...]}}, {@code {"not": {...}}}, {@code {"criterion": "attribute", ...}})
 * and the flat form of the seed ({@code {"logic": "AND"|"OR", "rules": [...]}}) whose rules are attribute tests
 * with the seed's field names. Every problem is collected and reported at once, each with a JSON pointer into the
 * document as it was given ({@code /all/2/any/0/value}).
 */
public final class RuleParser {
    /** The seed's field names and the profile fields they mean. */
    public static final Map<String, String> FIELD_ALIASES = Map.of(
            "job_title", "jobTitle",
            "org_unit_path", "orgUnitPath",
            "employee_type", "employeeType",
            "cost_center", "costCenter",
            "user_type", "userType");
    private static final Set<String> COMPOSITES = Set.of("all", "any", "not");
    private static final Set<String> FLAT_KEYS = Set.of("logic", "rules", "includeNested");

    /**
     * A further check of a criterion's configuration before the type parses it (the application validates it
     * against the type's JSON Schema); field errors are relative to the configuration.
     */
    @FunctionalInterface
    public interface ConfigCheck {
        ConfigCheck NONE = (type, config) -> List.of();

        List<FieldError> check(CriterionType type, Map<String, Object> config);
    }

    private final CriterionRegistry registry;
    private final ConfigCheck configCheck;

    public RuleParser(CriterionRegistry registry) {
        this(registry, ConfigCheck.NONE);
    }

    public RuleParser(CriterionRegistry registry, ConfigCheck configCheck) {
        this.registry = registry;
        this.configCheck = configCheck;
    }

    /**
     * @throws RuleViolation {@code rule-invalid} with one field error per problem, or the code of a more particular
     *                       {@link RuleProblem} when every problem is of that kind ({@code regex-too-complex})
     */
    public Rule parse(Object document) {
        Run run = new Run();
        Rule rule = run.node(document, "", 1, null);
        if (!run.errors.isEmpty() || rule == null) {
            if (run.errors.isEmpty()) {
                run.error("", "is not a rule");
            }
            throw ConfigReader.invalid(RuleProblem.common(run.kinds), run.errors);
        }
        return rule;
    }

    private final class Run {
        final List<FieldError> errors = new ArrayList<>();
        final List<RuleProblem> kinds = new ArrayList<>();
        int leaves;

        void error(String pointer, String message) {
            error(pointer, message, RuleProblem.INVALID);
        }

        void error(String pointer, String message, RuleProblem kind) {
            errors.add(new FieldError(pointer, message));
            kinds.add(kind);
        }

        Rule node(Object value, String pointer, int depth, Boolean nestedDefault) {
            if (!(value instanceof Map<?, ?> raw)) {
                error(pointer, value == null ? "a rule is required" : "must be an object");
                return null;
            }
            Map<String, Object> node = stringKeys(raw, pointer);
            if (node == null) {
                return null;
            }
            if (depth > Rule.MAX_DEPTH) {
                error(pointer, "is too deep: a rule has at most " + Rule.MAX_DEPTH
                        + " levels (the root counts as 1)");
                return null;
            }
            List<String> shapes = node.keySet().stream().filter(COMPOSITES::contains).sorted().toList();
            boolean flat = node.containsKey("rules") || node.containsKey("logic");
            if (shapes.size() + (flat ? 1 : 0) + (node.containsKey("criterion") ? 1 : 0) > 1) {
                error(pointer, "must have exactly one of all, any, not, criterion or logic/rules");
                return null;
            }
            if (flat) {
                return flat(node, pointer, depth);
            }
            if (shapes.isEmpty()) {
                return leaf(node, pointer, depth, nestedDefault);
            }
            String shape = shapes.get(0);
            for (String key : new TreeSet<>(node.keySet())) {
                if (!key.equals(shape)) {
                    error(pointer + "/" + escape(key), "is not allowed next to " + shape);
                }
            }
            String at = pointer + "/" + shape;
            if (shape.equals("not")) {
                Rule inner = node(node.get("not"), at, depth + 1, null);
                return inner == null ? null : new Rule.Not(inner);
            }
            List<Rule> parts = parts(node.get(shape), at, depth, null);
            return parts == null ? null : shape.equals("all") ? new Rule.All(parts) : new Rule.Any(parts);
        }

        List<Rule> parts(Object value, String pointer, int depth, Boolean nestedDefault) {
            if (!(value instanceof List<?> list)) {
                error(pointer, "must be a list of rules");
                return null;
            }
            if (list.isEmpty()) {
                error(pointer, "must not be empty");
                return null;
            }
            List<Rule> parts = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < list.size(); i++) {
                Rule part = node(list.get(i), pointer + "/" + i, depth + 1, nestedDefault);
                failed |= part == null;
                parts.add(part);
            }
            return failed ? null : parts;
        }

        /** The seed's flat form: {@code {"logic": "AND"|"OR", "rules": [...], "includeNested": bool}}. */
        Rule flat(Map<String, Object> node, String pointer, int depth) {
            for (String key : new TreeSet<>(node.keySet())) {
                if (!FLAT_KEYS.contains(key)) {
                    error(pointer + "/" + escape(key), "is not a property of the flat rule form (logic, rules, "
                            + "includeNested)");
                }
            }
            Object logic = node.get("logic");
            boolean any = false;
            if (logic instanceof String text && (text.strip().equalsIgnoreCase("and")
                    || text.strip().equalsIgnoreCase("or"))) {
                any = text.strip().equalsIgnoreCase("or");
            } else if (logic != null) {
                error(pointer + "/logic", "must be AND or OR");
            }
            Object nested = node.get("includeNested");
            if (nested != null && !(nested instanceof Boolean)) {
                error(pointer + "/includeNested", "must be true or false");
                nested = null;
            }
            List<Rule> parts = parts(node.get("rules"), pointer + "/rules", depth, (Boolean) nested);
            if (parts == null) {
                return null;
            }
            return any ? new Rule.Any(parts) : new Rule.All(parts);
        }

        Rule leaf(Map<String, Object> node, String pointer, int depth, Boolean nestedDefault) {
            leaves++;
            if (leaves == Rule.MAX_LEAVES + 1) {
                error(pointer, "is one criterion too many: a rule has at most " + Rule.MAX_LEAVES + " criteria");
            }
            if (leaves > Rule.MAX_LEAVES) {
                return null;
            }
            Map<String, Object> config = new LinkedHashMap<>(node);
            Object key = config.remove("criterion");
            boolean seedShape = key == null;
            if (seedShape) {
                if (!config.containsKey("field")) {
                    error(pointer, "must name a criterion (or a field for an attribute test), or be all, any or not");
                    return null;
                }
                config.remove("id");
                key = "attribute";
            }
            if (!(key instanceof String typeKey)) {
                error(pointer + "/criterion", "must be a string");
                return null;
            }
            if (typeKey.equals("attribute")) {
                if ("reports_to".equals(config.get("field"))) {
                    return reportsTo(config, pointer, depth, nestedDefault);
                }
                renameField(config);
            }
            CriterionType type = registry.find(typeKey).orElse(null);
            if (type == null) {
                error(pointer + "/criterion", "unknown criterion type '" + typeKey + "'; known: "
                        + String.join(", ", registry.all().stream().map(CriterionType::key).toList()));
                return null;
            }
            Criterion criterion = criterion(type, config, pointer, Map.of());
            return criterion == null ? null : new Rule.Leaf(criterion);
        }

        /** The seed's {@code field: reports_to}: value = the manager's user id or email. */
        Rule reportsTo(Map<String, Object> attribute, String pointer, int depth, Boolean nestedDefault) {
            Object operator = attribute.get("operator");
            boolean negated = false;
            if (operator instanceof String op) {
                switch (op.strip().toLowerCase(Locale.ROOT)) {
                    case "equals", "is" -> { }
                    case "not_equals", "is_not" -> negated = true;
                    default -> {
                        error(pointer + "/operator", "with field reports_to must be equals, is, not_equals or is_not");
                        return null;
                    }
                }
            } else if (operator != null) {
                error(pointer + "/operator", "must be a string");
                return null;
            }
            if (negated && depth + 1 > Rule.MAX_DEPTH) {
                error(pointer, "is too deep: a rule has at most " + Rule.MAX_DEPTH + " levels (the root counts as 1)");
                return null;
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("managerId", attribute.get("value"));
            Object nested = attribute.containsKey("includeNested") ? attribute.get("includeNested") : nestedDefault;
            if (nested != null) {
                config.put("includeNested", nested);
            }
            for (String key : new TreeSet<>(attribute.keySet())) {
                if (!Set.of("field", "operator", "value", "includeNested", "caseSensitive").contains(key)) {
                    error(pointer + "/" + escape(key), "is not a property of a reports_to test");
                }
            }
            CriterionType type = registry.find(ReportsToCriterionType.KEY).orElse(null);
            if (type == null) {
                error(pointer + "/field", "reports_to is not a known criterion here");
                return null;
            }
            Criterion criterion = criterion(type, config, pointer, Map.of("/managerId", "/value"));
            if (criterion == null) {
                return null;
            }
            Rule leaf = new Rule.Leaf(criterion);
            return negated ? new Rule.Not(leaf) : leaf;
        }

        Criterion criterion(CriterionType type, Map<String, Object> config, String pointer,
                            Map<String, String> renamed) {
            List<FieldError> problems = configCheck.check(type, config);
            RuleProblem kind = RuleProblem.INVALID;
            if (problems.isEmpty()) {
                try {
                    return type.parse(config);
                } catch (RuleViolation violation) {
                    problems = violation.errors().isEmpty()
                            ? List.of(new FieldError("", violation.getMessage())) : violation.errors();
                    kind = RuleProblem.ofCode(violation.code());
                }
            }
            for (FieldError problem : problems) {
                String field = problem.field() == null ? "" : problem.field();
                for (Map.Entry<String, String> rename : renamed.entrySet()) {
                    if (field.equals(rename.getKey()) || field.startsWith(rename.getKey() + "/")) {
                        field = rename.getValue() + field.substring(rename.getKey().length());
                    }
                }
                error(pointer + field, problem.message(), kind);
            }
            return null;
        }

        /** The seed's field names (job_title, custom_field + customKey, ...) become profile field names. */
        void renameField(Map<String, Object> config) {
            Object field = config.get("field");
            if (!(field instanceof String name)) {
                return;
            }
            if (FIELD_ALIASES.containsKey(name)) {
                config.put("field", FIELD_ALIASES.get(name));
            } else if (name.equals("custom_field") && config.get("customKey") instanceof String customKey) {
                config.remove("customKey");
                config.put("field", "custom." + customKey.strip());
            }
        }

        Map<String, Object> stringKeys(Map<?, ?> raw, String pointer) {
            Map<String, Object> node = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : raw.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    error(pointer, "must be an object with text keys");
                    return null;
                }
                node.put(key, entry.getValue());
            }
            return node;
        }
    }

    /** Escapes a property name for a JSON pointer (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
