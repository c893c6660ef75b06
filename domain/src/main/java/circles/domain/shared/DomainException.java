package circles.domain.shared;

import java.util.List;

/**
 * A business rejection. Each subtype names a kind of failure that callers translate once
 * (the REST adapter turns them into problem responses); none of them knows about HTTP.
 */
public sealed abstract class DomainException extends RuntimeException
        permits NotFound, NotAllowed, RuleViolation, Conflict, VersionConflict, InvalidInput {

    private final String code;
    private final List<FieldError> errors;

    protected DomainException(String code, String detail, List<FieldError> errors) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** Stable, machine-readable name of the failure, e.g. {@code group-name-taken}. */
    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
