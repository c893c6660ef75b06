package circles.domain.shared;

import java.util.List;

/** Input that cannot be understood at all (a malformed parameter), as opposed to one that breaks a rule. */
public final class InvalidInput extends DomainException {
    public InvalidInput(String field, String message) {
        this("invalid-input", field, message);
    }

    /** Input of a kind with a more precise code of its own, e.g. {@code invalid-cursor}. */
    public InvalidInput(String code, String field, String message) {
        super(code, field + ": " + message, List.of(new FieldError(field, message)));
    }
}
