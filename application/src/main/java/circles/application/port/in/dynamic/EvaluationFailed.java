package circles.application.port.in.dynamic;

/**
 * An evaluation of a dynamic group failed for a reason that is not the caller's: the group's members stayed as
 * they were and its evaluation shows {@code failed} with the same short reason. Trying again later is safe.
 */
public final class EvaluationFailed extends RuntimeException {
    public EvaluationFailed(String reason, Throwable cause) {
        super(reason, cause);
    }
}
