package circles.domain.shared;

/** One invalid input field: a JSON-style path ({@code name}, {@code [2].userId}) and what is wrong. */
public record FieldError(String field, String message) {
}
