package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.util.List;

/**
 * Who may be someone's manager: a member of the same org, not the member themselves, and nobody who reports to
 * the member, directly or through others (reporting lines have no cycles).
 */
public final class ReportingLine {
    /** The outcome of naming a manager. */
    public enum Verdict {
        ALLOWED, SELF, NOT_A_MEMBER, CYCLE, TOO_LONG
    }

    /** Reporting lines are at most this long, counted from a member up to the top. */
    public static final int MAX_LENGTH = 1000;

    private ReportingLine() {
    }

    /**
     * @param member            whose manager is being set
     * @param manager           the proposed manager
     * @param managerIsMember   whether the manager is a member of the member's org
     * @param chainFromManager  the manager, their manager, and so on up the stored reporting line (read with a
     *                          limit of {@link #MAX_LENGTH}: a chain that long may go on)
     */
    public static Verdict check(UserId member, UserId manager, boolean managerIsMember,
                                List<UserId> chainFromManager) {
        if (manager.equals(member)) {
            return Verdict.SELF;
        }
        if (!managerIsMember) {
            return Verdict.NOT_A_MEMBER;
        }
        if (chainFromManager.contains(member)) {
            return Verdict.CYCLE;
        }
        return chainFromManager.size() >= MAX_LENGTH ? Verdict.TOO_LONG : Verdict.ALLOWED;
    }

    /** Throws the rule violation a refused verdict stands for; {@code field} names the manager in the request. */
    public static void require(Verdict verdict, UserId member, UserId manager, String field) {
        switch (verdict) {
            case ALLOWED -> {
            }
            case SELF -> throw RuleViolation.invalidField(field, "a member cannot be their own manager");
            case NOT_A_MEMBER -> throw new RuleViolation("manager-not-a-member",
                    "manager " + manager + " is not a member of this org",
                    List.of(new FieldError(field, "must be a member of the same org")));
            case CYCLE -> throw new RuleViolation("manager-cycle",
                    manager + " reports to " + member + " (directly or through others): making them "
                            + member + "'s manager would close a cycle",
                    List.of(new FieldError(field, "would create a reporting cycle")));
            case TOO_LONG -> throw new RuleViolation("reporting-line-too-long",
                    "the reporting line above " + manager + " is " + MAX_LENGTH + " or more levels long",
                    List.of(new FieldError(field, "has a reporting line that is too long")));
        }
    }
}
