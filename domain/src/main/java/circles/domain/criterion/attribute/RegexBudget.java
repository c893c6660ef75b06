package circles.domain.criterion.attribute;

import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.RuleProblem;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.util.List;

/**
 * The bound every {@code regex} of a rule is held to before it is compiled: at most {@link #MAX_LENGTH} characters,
 * and a compiled program of at most {@link #MAX_INSTRUCTIONS} instructions as {@link PatternSize} estimates it.
 *
 * <p>Why this bound: RE2J never backtracks, but the size of its program is what a pattern costs. Compiling takes
 * memory for every instruction, and matching steps through up to every instruction for each character of a value,
 * for every member at every evaluation. Without a bound, 23 characters ({@code ((a{1000}){1000}){1000}}) exhaust the
 * heap and {@code (.{0,1000}){1000}z} takes seconds per evaluation. 2,000 instructions leave room for every pattern
 * a rule has a use for (a bounded e-mail or name shape with a few {@code {1,64}} classes is a few hundred) while
 * keeping the compile under a few milliseconds and the worst match of the longest profile value (1,024 characters)
 * near 30 ms (measured with {@code (.{0,98}){10}z}, 1,983 instructions). The length bound keeps what the estimate
 * reads short; every pattern within it without counted repetitions is well below the instruction bound, so the
 * instruction bound mostly limits how much counted repetitions multiply.
 *
 * <p>The same bound holds wherever a rule is read: rules sent by a client are refused with
 * {@link RuleProblem#REGEX_TOO_COMPLEX} (422), and a stored rule that exceeds it (saved before the bound existed)
 * fails its evaluation with that reason instead of being compiled.
 */
public final class RegexBudget {
    /** The longest pattern, in characters. */
    public static final int MAX_LENGTH = 256;
    /** The largest compiled program, in RE2J instructions. */
    public static final int MAX_INSTRUCTIONS = 2_000;

    private RegexBudget() {
    }

    /** What the bound says of one pattern. */
    public sealed interface Assessment {
        /** The pattern may be compiled: its program has at most {@code instructions} instructions. */
        record Within(long instructions) implements Assessment {
        }

        /** The pattern is longer than {@link #MAX_LENGTH}; nothing else was looked at. */
        record TooLong(int length) implements Assessment {
        }

        /** The program would have up to {@code instructions} instructions, more than {@link #MAX_INSTRUCTIONS}. */
        record TooComplex(long instructions) implements Assessment {
        }
    }

    /** Judges {@code source} without compiling it. */
    public static Assessment assess(String source) {
        if (source.length() > MAX_LENGTH) {
            return new Assessment.TooLong(source.length());
        }
        long instructions = PatternSize.estimate(source);
        return instructions > MAX_INSTRUCTIONS ? new Assessment.TooComplex(instructions)
                : new Assessment.Within(instructions);
    }

    /**
     * Refuses a pattern over the bound with a rule violation whose one field error (at the pattern itself, pointer
     * {@code ""}) says why: {@code rule-invalid} when too long, {@code regex-too-complex} when too large a program.
     */
    public static void require(String source) {
        switch (assess(source)) {
            case Assessment.Within ignored -> { }
            case Assessment.TooLong tooLong -> throw refusal(RuleProblem.INVALID,
                    "a regular expression must be at most " + MAX_LENGTH + " characters");
            case Assessment.TooComplex tooComplex -> throw refusal(RuleProblem.REGEX_TOO_COMPLEX,
                    "the regular expression would compile to " + amount(tooComplex.instructions())
                            + " instructions, more than the " + MAX_INSTRUCTIONS + " allowed (a counted repetition"
                            + " such as {n,m} copies what it repeats m times, and nested ones multiply)");
        }
    }

    private static String amount(long instructions) {
        return instructions >= PatternSize.SATURATED ? "more than " + PatternSize.SATURATED : "up to " + instructions;
    }

    private static RuleViolation refusal(RuleProblem kind, String message) {
        return ConfigReader.invalid(kind, List.of(new FieldError("", message)));
    }
}
