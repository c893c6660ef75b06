package circles.adapter.in.rest.problem;

import circles.domain.shared.FieldError;

import java.util.List;
import java.util.Objects;

/**
 * A failure the HTTP layer itself detects (a stale {@code If-Match}, an unreadable body...), as opposed to a domain
 * rejection. Its kind is one of the catalogue {@link ProblemType}, which also gives its status. Translated by
 * {@link ProblemMapper} like every other error.
 */
public final class HttpProblem extends RuntimeException {
    private final ProblemType type;
    private final List<FieldError> errors;

    public HttpProblem(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.type = Objects.requireNonNull(type, "type");
        this.errors = List.copyOf(errors);
    }

    public HttpProblem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public static HttpProblem preconditionFailed(String detail) {
        return new HttpProblem(ProblemType.PRECONDITION_FAILED, detail);
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return type.status();
    }

    public String code() {
        return type.code();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
