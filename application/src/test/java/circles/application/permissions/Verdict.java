package circles.application.permissions;

/**
 * How a call ends, as the caller learns it, with the rule that decided it. The model compares outcomes only; the
 * reason is there for the failure message.
 */
public record Verdict(Outcome outcome, String reason) {

    /** Outcomes by the status a REST caller sees. */
    public enum Outcome {
        /** 2xx: the call did what it asked. */
        DONE(200),
        /** The caller lacks a right on a resource they can see. */
        FORBIDDEN(403),
        /** The caller may not know the resource exists. */
        NOT_FOUND(404),
        /** A value in the request is beyond the caller's reach or breaks a rule of the data (422). */
        UNPROCESSABLE(422),
        /** The credential no longer works (a token whose issuer lost the right). */
        UNAUTHENTICATED(401);

        public final int status;

        Outcome(int status) {
            this.status = status;
        }
    }

    public static Verdict done() {
        return new Verdict(Outcome.DONE, "allowed");
    }

    public static Verdict forbidden(String reason) {
        return new Verdict(Outcome.FORBIDDEN, reason);
    }

    public static Verdict notFound(String reason) {
        return new Verdict(Outcome.NOT_FOUND, reason);
    }

    public static Verdict unprocessable(String reason) {
        return new Verdict(Outcome.UNPROCESSABLE, reason);
    }

    public static Verdict unauthenticated(String reason) {
        return new Verdict(Outcome.UNAUTHENTICATED, reason);
    }

    public boolean isDone() {
        return outcome == Outcome.DONE;
    }

    @Override
    public String toString() {
        return outcome + " (" + outcome.status + "): " + reason;
    }
}
