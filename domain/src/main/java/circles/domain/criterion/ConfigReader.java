package circles.domain.criterion;

import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a criterion configuration (plain Java values) property by property, collecting every problem with a
 * JSON pointer relative to the configuration, and refusing properties nobody read. Criterion types use it so that
 * their errors look alike.
 */
public final class ConfigReader {
    private final Map<String, Object> config;
    private final Set<String> read = new HashSet<>();
    private final List<FieldError> errors = new ArrayList<>();
    private final List<RuleProblem> kinds = new ArrayList<>();

    public ConfigReader(Map<String, Object> config) {
        this.config = config == null ? Map.of() : config;
    }

    public boolean has(String name) {
        read.add(name);
        return config.get(name) != null;
    }

    /** The raw value of a property (null when absent), marking it as read. */
    public Object raw(String name) {
        read.add(name);
        return config.get(name);
    }

    /**
     * A text property, trimmed; numbers and booleans are taken as their text. Returns null (after recording an
     * error when required) if the property is absent, blank or not a scalar.
     */
    public String text(String name, boolean required, int maxLength) {
        Object value = raw(name);
        if (value == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            error(name, "must be a string");
            return null;
        }
        String text = value.toString().strip();
        if (text.isEmpty()) {
            if (required) {
                error(name, "must not be blank");
            }
            return null;
        }
        if (text.length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    public boolean bool(String name, boolean absent) {
        Object value = raw(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        error(name, "must be true or false");
        return absent;
    }

    /**
     * A whole number between {@code min} and {@code max}; {@code absent} when the property is missing. Returns
     * {@code absent} after recording an error when the value is not such a number.
     */
    public Integer integer(String name, int min, int max, Integer absent) {
        Object value = raw(name);
        if (value == null) {
            if (absent == null) {
                error(name, "is required");
            }
            return absent;
        }
        BigDecimal number = decimal(value);
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            error(name, "must be a whole number");
            return absent;
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            error(name, "must be between " + min + " and " + max);
            return absent;
        }
        return number.intValueExact();
    }

    /** A number between {@code min} and {@code max} (inclusive), exact; {@code absent} when the property is missing. */
    public BigDecimal number(String name, BigDecimal min, BigDecimal max, BigDecimal absent) {
        Object value = raw(name);
        if (value == null) {
            if (absent == null) {
                error(name, "is required");
            }
            return absent;
        }
        BigDecimal number = decimal(value);
        if (number == null) {
            error(name, "must be a number");
            return absent;
        }
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            error(name, "must be between " + min.toPlainString() + " and " + max.toPlainString());
            return absent;
        }
        return number;
    }

    private static BigDecimal decimal(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        try {
            return number instanceof BigDecimal exact ? exact : new BigDecimal(number.toString());
        } catch (NumberFormatException notFinite) {
            return null;
        }
    }

    /** Records a problem with the property {@code name} (or with the whole configuration when name is empty). */
    public void error(String name, String message) {
        error(name, message, RuleProblem.INVALID);
    }

    /** Records a problem of a kind with a code of its own, such as {@link RuleProblem#REGEX_TOO_COMPLEX}. */
    public void error(String name, String message, RuleProblem kind) {
        errors.add(new FieldError(name.isEmpty() ? "" : "/" + name, message));
        kinds.add(kind);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Refuses unread properties and throws every collected problem at once. */
    public void finish() {
        for (String name : new TreeSet<>(config.keySet())) {
            if (!read.contains(name)) {
                error(name, "is not a property of this criterion");
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(RuleProblem.common(kinds), errors);
        }
    }

    /** A {@code rule-invalid} refusal with these field errors. */
    public static RuleViolation invalid(List<FieldError> errors) {
        return invalid(RuleProblem.INVALID, errors);
    }

    /** A refusal of the given kind with these field errors, its detail naming the first one. */
    public static RuleViolation invalid(RuleProblem kind, List<FieldError> errors) {
        String detail = errors.size() == 1
                ? kind.lead() + ": " + describe(errors.get(0))
                : kind.lead() + " (" + errors.size() + " problems; first: " + describe(errors.get(0)) + ")";
        return new RuleViolation(kind.code(), detail, errors);
    }

    private static String describe(FieldError error) {
        return (error.field().isEmpty() ? "" : error.field() + " ") + error.message();
    }
}
