package circles.domain.shared;

import java.util.Collection;
import java.util.regex.Pattern;

/** Guards used by value objects and commands; each failure names the field it concerns. */
public final class Require {
    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw RuleViolation.invalidField(field, "is required");
        }
        return value;
    }

    public static String text(String value, String field, int maxLength) {
        present(value, field);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw RuleViolation.invalidField(field, "must not be blank");
        }
        if (trimmed.length() > maxLength) {
            throw RuleViolation.invalidField(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    /** Optional text: null or blank become null; otherwise trimmed and bounded. */
    public static String optionalText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(value, field, maxLength);
    }

    public static String matching(String value, Pattern pattern, String field, String expectation) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw RuleViolation.invalidField(field, expectation);
        }
        return value;
    }

    public static <C extends Collection<?>> C atMost(C values, int max, String field) {
        if (values != null && values.size() > max) {
            throw RuleViolation.invalidField(field, "must have at most " + max + " entries");
        }
        return values;
    }
}
