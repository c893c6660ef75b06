package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Who may be someone's manager: a member of the same org, not the member themselves, and nobody who reports to
 * the member, directly or through others (reporting lines have no cycles). One member's new manager is judged by
 * {@link #check}; the reporting lines a change of many members at once would leave (an import) by {@link #cycles}.
 */
public final class ReportingLine {
    /** The outcome of naming a manager, with what a request's manager field is told when it is refused. */
    public enum Verdict {
        ALLOWED(null),
        SELF("a member cannot be their own manager"),
        NOT_A_MEMBER("must be a member of the same org"),
        CYCLE("would create a reporting cycle"),
        TOO_LONG("has a reporting line that is too long");

        private final String fieldMessage;

        Verdict(String fieldMessage) {
            this.fieldMessage = fieldMessage;
        }

        /** Null for {@link #ALLOWED}. */
        public String fieldMessage() {
            return fieldMessage;
        }

        /** The error of the manager field {@code field}; none when the manager is allowed. */
        public FieldError fieldError(String field) {
            if (this == ALLOWED) {
                throw new IllegalStateException("an allowed manager is no error");
            }
            return new FieldError(field, fieldMessage);
        }
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
            case SELF -> throw RuleViolation.invalidField(field, verdict.fieldMessage());
            case NOT_A_MEMBER -> throw new RuleViolation("manager-not-a-member",
                    "manager " + manager + " is not a member of this org", List.of(verdict.fieldError(field)));
            case CYCLE -> throw new RuleViolation("manager-cycle",
                    manager + " reports to " + member + " (directly or through others): making them "
                            + member + "'s manager would close a cycle", List.of(verdict.fieldError(field)));
            case TOO_LONG -> throw new RuleViolation("reporting-line-too-long",
                    "the reporting line above " + manager + " is " + MAX_LENGTH + " or more levels long",
                    List.of(verdict.fieldError(field)));
        }
    }

    /**
     * Reporting lines as a change of many members would leave them, over members numbered {@code 0} to
     * {@code size() - 1}: each has at most one manager.
     */
    public interface Lines {
        /** The manager of nobody, and the manager of the top of a line. */
        int NONE = -1;

        int size();

        /** The manager of member {@code k} after the change, or {@link #NONE}. */
        int managerOf(int k);

        /**
         * Whether the manager of member {@code k} is known. A line that reaches a member whose manager is not known
         * is not judged: {@link #cycles} names that member for the caller to look up, and is asked again.
         */
        boolean known(int k);
    }

    /**
     * The cycles of {@code lines} reachable from the members {@code from} accepts (each cycle once, its members in
     * the order of the line, each one's manager next), or the members whose managers must be known first.
     */
    public record CycleSearch(List<int[]> cycles, int[] unknown) {
        public CycleSearch {
            cycles = List.copyOf(cycles);
        }

        public boolean complete() {
            return unknown.length == 0;
        }
    }

    /**
     * Follows the managers up from every member {@code from} accepts: with one manager each, a line either ends at
     * the top or runs into a cycle. Every member is walked once, so the search is linear in the number of members.
     */
    public static CycleSearch cycles(Lines lines, IntPredicate from) {
        final byte onPath = 1;
        final byte done = 2;
        byte[] state = new byte[lines.size()];
        List<int[]> cycles = new ArrayList<>();
        int[] unknown = new int[8];
        int unknownCount = 0;
        int[] path = new int[16];
        for (int start = 0; start < state.length; start++) {
            if (state[start] != 0 || !from.test(start)) {
                continue;
            }
            int length = 0;
            int node = start;
            boolean stuck = false;
            while (node != Lines.NONE && state[node] == 0) {
                if (!lines.known(node)) {
                    if (unknownCount == unknown.length) {
                        unknown = Arrays.copyOf(unknown, unknownCount * 2);
                    }
                    unknown[unknownCount++] = node;
                    stuck = true;
                    break;
                }
                state[node] = onPath;
                if (length == path.length) {
                    path = Arrays.copyOf(path, length * 2);
                }
                path[length++] = node;
                node = lines.managerOf(node);
            }
            if (!stuck && node != Lines.NONE && state[node] == onPath) {
                int at = length - 1;
                while (path[at] != node) {
                    at--;
                }
                cycles.add(Arrays.copyOfRange(path, at, length));
            }
            for (int i = 0; i < length; i++) {
                state[path[i]] = stuck ? 0 : done;
            }
        }
        return new CycleSearch(cycles, Arrays.copyOf(unknown, unknownCount));
    }
}
