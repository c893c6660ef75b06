package circles.domain.shared;

import java.util.List;

/** Input that cannot be understood at all (a malformed parameter), as opposed to one that breaks a rule. */
public final class InvalidInput extends DomainException {
    public InvalidInput(String field, String message) {
        super("invalid-input", field + ": " + message, List.of(new FieldError(field, message)));
    }
}
