package circles.domain.shared;

import java.util.List;

/** A well-formed request that breaks a business rule. */
public final class RuleViolation extends DomainException {
    public RuleViolation(String code, String detail) {
        this(code, detail, List.of());
    }

    public RuleViolation(String code, String detail, List<FieldError> errors) {
        super(code, detail, errors);
    }

    public static RuleViolation invalidField(String field, String message) {
        return new RuleViolation("validation-failed", field + ": " + message, List.of(new FieldError(field, message)));
    }
}
