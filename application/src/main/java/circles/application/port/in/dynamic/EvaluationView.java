package circles.application.port.in.dynamic;

import java.time.Instant;

/**
 * The evaluation block of a dynamic group: {@code status} is idle, evaluating or failed; {@code stalenessSeconds}
 * the age of the last computation (null before the first one); {@code lastError} the reason of the last failure.
 */
public record EvaluationView(String status, Instant lastComputedAt, Long stalenessSeconds, String lastError) {
}
