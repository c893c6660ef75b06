package circles.adapter.in.rest.problem;

import circles.domain.shared.FieldError;

import java.util.List;

/**
 * A failure the HTTP layer itself detects (a stale {@code If-Match}, an oversized body, a missing token...),
 * as opposed to a domain rejection. Translated by {@link ProblemMapper} like every other error.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldError> errors;

    public HttpProblem(int status, String code, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public HttpProblem(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public static HttpProblem preconditionFailed(String detail) {
        return new HttpProblem(412, "precondition-failed", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
