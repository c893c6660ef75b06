package circles.domain.criterion.attribute;

import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionType;
import circles.domain.criterion.RuleProblem;
import circles.domain.criterion.attribute.AttributeCriterion.Expected;
import circles.domain.shared.RuleViolation;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code attribute} criterion: a profile field tested with one operator. */
public final class AttributeCriterionType implements CriterionType {
    public static final String KEY = "attribute";
    public static final int VALUE_MAX = 1024;
    public static final int REGEX_MAX = RegexBudget.MAX_LENGTH;
    public static final int LIST_MAX = 1000;

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Profile attribute";
    }

    @Override
    public String description() {
        return "Tests a field of the member's org profile (department, location, jobTitle, managerId, orgUnitPath, "
                + "employeeType, costCenter, email, userType or custom.<key>) with an operator; case-insensitive "
                + "unless caseSensitive is true. Tree operators (is, is_not, is_under, is_not_under) apply to "
                + "department, location and orgUnitPath.";
    }

    @Override
    public List<String> fields() {
        List<String> fields = new ArrayList<>(AttributeField.STANDARD);
        fields.add(AttributeField.CUSTOM_PREFIX + "<key>");
        return fields;
    }

    @Override
    public List<String> operators() {
        return AttributeOperator.wireNames();
    }

    @Override
    public String configSchema() {
        String fields = AttributeField.STANDARD.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", "));
        String operators = AttributeOperator.wireNames().stream().map(o -> "\"" + o + "\"")
                .collect(Collectors.joining(", "));
        return """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "attribute",
                  "type": "object",
                  "properties": {
                    "field": {
                      "type": "string",
                      "description": "A profile field, or custom.<key> for a custom attribute",
                      "anyOf": [ { "enum": [%s] }, { "pattern": "^custom\\\\.[A-Za-z0-9_.-]{1,64}$" } ]
                    },
                    "operator": { "type": "string", "enum": [%s] },
                    "value": {
                      "description": "What the operator compares with; a list (or comma-separated text) for in_list and not_in_list, an RE2 expression of at most %d characters whose compiled program has at most %d instructions (counted repetitions multiply what they repeat; regex-too-complex otherwise) for regex, absent for is_empty and is_not_empty",
                      "anyOf": [
                        { "type": "string", "maxLength": %d },
                        { "type": "number" },
                        { "type": "boolean" },
                        { "type": "array", "maxItems": %d, "items": { "type": ["string", "number", "boolean"] } }
                      ]
                    },
                    "caseSensitive": { "type": "boolean", "default": false }
                  },
                  "required": ["field", "operator"],
                  "additionalProperties": false
                }
                """.formatted(fields, operators, REGEX_MAX, RegexBudget.MAX_INSTRUCTIONS, VALUE_MAX, LIST_MAX);
    }

    @Override
    public Criterion parse(Map<String, Object> config) {
        ConfigReader reader = new ConfigReader(config);
        String fieldName = reader.text("field", true, 100);
        AttributeField field = null;
        if (fieldName != null) {
            if (AttributeField.isValid(fieldName)) {
                field = new AttributeField(fieldName);
            } else {
                reader.error("field", "must be one of " + String.join(", ", AttributeField.STANDARD)
                        + " or custom.<key> (key: 1 to 64 letters, digits, '_', '.' or '-')");
            }
        }
        String operatorName = reader.text("operator", true, 40);
        AttributeOperator operator = null;
        if (operatorName != null) {
            operator = AttributeOperator.fromWire(operatorName).orElse(null);
            if (operator == null) {
                reader.error("operator", "must be one of " + String.join(", ", AttributeOperator.wireNames()));
            } else if (operator.treeOnly() && field != null && !field.isTree()) {
                reader.error("operator", operator + " applies to the tree fields "
                        + String.join(", ", AttributeField.TREE) + " only");
            }
        }
        boolean caseSensitive = reader.bool("caseSensitive", false);
        Expected expected = null;
        if (operator == null) {
            reader.raw("value"); // cannot be judged without a known operator
        } else {
            expected = expected(reader, operator, caseSensitive);
        }
        reader.finish();
        return new AttributeCriterion(field, operator, expected, caseSensitive);
    }

    private static Expected expected(ConfigReader reader, AttributeOperator operator, boolean caseSensitive) {
        return switch (operator.kind()) {
            case NONE -> {
                reader.raw("value");
                yield new Expected.NoValue();
            }
            case TEXT, TREE -> {
                String text = reader.text("value", true, VALUE_MAX);
                yield text == null ? null : new Expected.Text(text);
            }
            case PATTERN -> regex(reader, caseSensitive);
            case LIST -> choices(reader);
        };
    }

    private static Expected regex(ConfigReader reader, boolean caseSensitive) {
        String source = reader.text("value", true, Integer.MAX_VALUE);
        if (source == null) {
            return null;
        }
        try {
            return new Expected.Regex(source, caseSensitive);
        } catch (RuleViolation overBudget) {
            reader.error("value", overBudget.errors().get(0).message(), RuleProblem.ofCode(overBudget.code()));
            return null;
        } catch (PatternSyntaxException e) {
            reader.error("value", "is not a valid RE2 regular expression: " + e.getDescription());
            return null;
        }
    }

    private static Expected choices(ConfigReader reader) {
        Object raw = reader.raw("value");
        List<String> values = new ArrayList<>();
        if (raw instanceof String text) {
            Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(values::add);
        } else if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                if (element instanceof String || element instanceof Number || element instanceof Boolean) {
                    String text = element.toString().strip();
                    if (text.length() > VALUE_MAX) {
                        reader.error("value/" + i, "must be at most " + VALUE_MAX + " characters");
                    } else if (!text.isEmpty()) {
                        values.add(text);
                    }
                } else {
                    reader.error("value/" + i, "must be a string");
                }
            }
        } else if (raw instanceof Number || raw instanceof Boolean) {
            values.add(raw.toString());
        } else if (raw == null) {
            reader.error("value", "is required");
            return null;
        } else {
            reader.error("value", "must be a list or a comma-separated string");
            return null;
        }
        if (values.isEmpty() && !reader.hasErrors()) {
            reader.error("value", "must name at least one value");
        }
        if (values.size() > LIST_MAX) {
            reader.error("value", "must have at most " + LIST_MAX + " entries");
        }
        return new Expected.Choices(values);
    }
}
