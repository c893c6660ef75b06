package circles.domain.criterion;

import java.util.Objects;

/**
 * What one criterion said about one member: whether it matched and why, in words a person can check (the value
 * seen, the operator, the expected value; for {@code reports_to} the chain of managers).
 */
public record Outcome(boolean matched, String detail) {
    public Outcome {
        Objects.requireNonNull(detail, "detail");
    }

    public static Outcome of(boolean matched, String detail) {
        return new Outcome(matched, detail);
    }
}
