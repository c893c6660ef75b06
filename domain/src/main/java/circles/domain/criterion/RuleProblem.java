package circles.domain.criterion;

import java.util.Arrays;
import java.util.Collection;

/**
 * The kinds of problem a rule document can have, each a code of its own so that a client can tell them apart: most
 * are plain {@code rule-invalid}; a regular expression whose compiled program would be too large is
 * {@code regex-too-complex}. A document with problems of several kinds is {@code rule-invalid}, with every problem
 * in its field errors.
 */
public enum RuleProblem {
    INVALID("rule-invalid", "the rule is invalid"),
    REGEX_TOO_COMPLEX("regex-too-complex", "regex too complex");

    private final String code;
    private final String lead;

    RuleProblem(String code, String lead) {
        this.code = code;
        this.lead = lead;
    }

    /** The problem code, as the problem catalogue knows it. */
    public String code() {
        return code;
    }

    /** How the detail of such a refusal begins: {@code "regex too complex: /all/0/value ..."}. */
    public String lead() {
        return lead;
    }

    /** The kind with this code; any other code (a failure that is no rule problem of its own) is {@link #INVALID}. */
    public static RuleProblem ofCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst().orElse(INVALID);
    }

    /** The one kind all these problems share, or {@link #INVALID} when they differ or there are none. */
    public static RuleProblem common(Collection<RuleProblem> kinds) {
        return kinds.stream().distinct().count() == 1 ? kinds.iterator().next() : INVALID;
    }
}
