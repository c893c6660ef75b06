package circles.domain.access;

import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;

/**
 * What a permission policy decided about one attempted action, and why. A refusal says how the caller learns of
 * it: {@link Outcome#FORBIDDEN} for an action on a resource the caller can see (403), {@link Outcome#BEYOND_REACH}
 * for a value in the request the caller may not hand out, such as a role above their own (422 naming the field),
 * {@link Outcome#INVISIBLE} for a resource the caller may not know of (404).
 */
public record Decision(Outcome outcome, String field, String reason) {

    public enum Outcome { ALLOWED, FORBIDDEN, BEYOND_REACH, INVISIBLE }

    private static final Decision ALLOWED = new Decision(Outcome.ALLOWED, null, "allowed");

    public static Decision allowed() {
        return ALLOWED;
    }

    public static Decision forbidden(String reason) {
        return new Decision(Outcome.FORBIDDEN, null, reason);
    }

    public static Decision beyondReach(String field, String reason) {
        return new Decision(Outcome.BEYOND_REACH, field, reason);
    }

    public static Decision invisible(String resource, Object id) {
        return new Decision(Outcome.INVISIBLE, resource, String.valueOf(id));
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** Nothing if allowed; otherwise the domain error that reports this refusal. */
    public void orThrow() {
        switch (outcome) {
            case ALLOWED -> { }
            case FORBIDDEN -> throw new NotAllowed(reason);
            case BEYOND_REACH -> throw RuleViolation.invalidField(field, reason);
            case INVISIBLE -> throw new NotFound(field, reason);
        }
    }
}
