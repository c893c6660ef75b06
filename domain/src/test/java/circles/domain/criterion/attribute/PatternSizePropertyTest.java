package circles.domain.criterion.attribute;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PatternSize} never counts fewer instructions than RE2J really compiles.
 *
 * <p>The real size: RE2J has no public accessor for it, so the test reads it where RE2J keeps it, the package-private
 * {@code RE2.numberOfInstructions()} of the {@code re2} field of a compiled {@link Pattern} (through reflection; the
 * test fails loudly, rather than passing, should a later RE2J rename either). That number is the length of the
 * compiled program, the very thing {@link PatternSize} bounds.
 *
 * <p>The patterns: generated from the RE2 grammar (literals, escapes, classes, groups of every kind, flag groups,
 * alternation, every quantifier, nested), and random strings over the characters that make RE2 syntax, so that odd
 * corners (a '{' that is no repetition, a ']' first in a class, an unclosed \Q) are tried too; the ones RE2J refuses
 * as syntax errors are skipped. Counts stay small so that no generated pattern takes long to compile.
 */
class PatternSizePropertyTest {
    private static final Method INSTRUCTIONS;
    private static final Field RE2;

    static {
        try {
            RE2 = Pattern.class.getDeclaredField("re2");
            RE2.setAccessible(true);
            INSTRUCTIONS = RE2.getType().getDeclaredMethod("numberOfInstructions");
            INSTRUCTIONS.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The number of instructions of the program RE2J compiled, as the rule's criterion compiles it. */
    static int compiledSize(String source, boolean caseSensitive) {
        Pattern pattern = Pattern.compile(source, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
        try {
            return (int) INSTRUCTIONS.invoke(RE2.get(pattern));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("RE2J no longer exposes its program size the way this test reads it", e);
        }
    }

    private static final List<String> ATOMS = List.of("a", "b", "Z", "7", "é", "ß", "\uD83D\uDE00", "-", ",", "}",
            ".", "^", "$", "\\d", "\\D", "\\s", "\\w", "\\W", "\\b", "\\B", "\\A", "\\z", "\\.", "\\*", "\\\\",
            "\\{", "\\x41", "\\x{263A}", "\\101", "\\0", "\\n", "\\t", "\\pL", "\\PN", "\\p{Greek}", "\\P{Lu}",
            "\\p{^Han}", "\\Qa.b*\\E", "\\Q\\E", "\\Qx\\E", "\\Q{}", "[a-z]", "[^\\n]", "[[:alpha:]]",
            "[[:^digit:]x-]", "[]a]", "[^]b]",
            "[\\]\\\\]", "[\\d\\p{Lu}_]", "[a-]", "[\\x{10000}-\\x{10FFFF}]", "(?i)", "(?s)", "(?-m)", "(?U)",
            "{", "a{", "x{,3}", "{1", "{02}", "y{1,03}");
    private static final String SYNTAX = "ab()[]{}|*+?\\^$.:,0123-PpQEdx<>iU";

    /** A pattern from the RE2 grammar, at most {@code depth} groups deep. */
    static String pattern(Random random, int depth) {
        int branches = random.nextInt(8) == 0 ? 2 + random.nextInt(3) : 1;
        StringBuilder out = new StringBuilder();
        for (int b = 0; b < branches; b++) {
            if (b > 0) {
                out.append('|');
            }
            int pieces = random.nextInt(4);
            for (int p = 0; p < pieces; p++) {
                out.append(piece(random, depth));
            }
        }
        return out.toString();
    }

    private static String piece(Random random, int depth) {
        String atom;
        if (depth > 0 && random.nextInt(3) == 0) {
            String open = switch (random.nextInt(5)) {
                case 0 -> "(?:";
                case 1 -> "(?P<g" + random.nextInt(1000) + ">";
                case 2 -> "(?i:";
                case 3 -> "(?sU-i:";
                default -> "(";
            };
            atom = open + pattern(random, depth - 1) + ")";
        } else {
            atom = ATOMS.get(random.nextInt(ATOMS.size()));
        }
        return atom + quantifier(random);
    }

    private static String quantifier(Random random) {
        String quantifier = switch (random.nextInt(10)) {
            case 0 -> "*";
            case 1 -> "+";
            case 2 -> "?";
            case 3 -> "{" + random.nextInt(6) + "}";
            case 4 -> "{" + random.nextInt(6) + ",}";
            case 5 -> {
                int min = random.nextInt(5);
                yield "{" + min + "," + (min + random.nextInt(6)) + "}";
            }
            default -> "";
        };
        return !quantifier.isEmpty() && random.nextBoolean() ? quantifier + "?" : quantifier;
    }

    /** Random text over RE2's syntax characters, with repetition counts of one digit from 0 to 3. */
    static String noise(Random random) {
        StringBuilder out = new StringBuilder();
        int length = 1 + random.nextInt(24);
        for (int i = 0; i < length; i++) {
            out.append(SYNTAX.charAt(random.nextInt(SYNTAX.length())));
        }
        return out.toString();
    }

    private static void neverUnderCounts(String source, boolean caseSensitive) {
        int real;
        try {
            real = compiledSize(source, caseSensitive);
        } catch (PatternSyntaxException notRe2) {
            return;
        }
        assertThat(PatternSize.estimate(source)).as("estimate of /%s/ (RE2J: %d instructions)", source, real)
                .isGreaterThanOrEqualTo(real);
    }

    @Property(tries = 3000, seed = "20261207")
    void the_estimate_is_never_below_the_program_re2j_compiles_for_a_pattern_of_the_grammar(
            @ForAll Random random, @ForAll boolean caseSensitive) {
        neverUnderCounts(pattern(random, 3), caseSensitive);
    }

    @Property(tries = 5000, seed = "7")
    void the_estimate_is_never_below_the_program_re2j_compiles_for_random_syntax(@ForAll Random random) {
        neverUnderCounts(noise(random), false);
    }

    @Property(tries = 500)
    void the_estimate_is_never_below_the_program_re2j_compiles_for_any_seed(@ForAll Random random) {
        neverUnderCounts(pattern(random, 3), random.nextBoolean());
        neverUnderCounts(noise(random), true);
    }

    @Example
    void the_estimate_is_exact_where_re2j_cannot_simplify() {
        for (String source : List.of("abc", "a|bc", "(a)", "(?:a)", "a+?", "a{3}", "a{2,5}", "a{3,}", "a{0}",
                "(a){3}", "\\pN{7}", "[a-z]{1,64}", "(.{0,10}){10}z", "", "()", "a|", "\\d{4}-\\d{2}", "$*", "(a?)*")) {
            assertThat(PatternSize.estimate(source)).as(source).isEqualTo(compiledSize(source, false));
        }
    }

    @Example
    void a_quantifier_after_a_flag_group_or_an_empty_quote_repeats_the_piece_before_it() {
        for (String source : List.of("(a{10})(?i){10}", "(a{10})\\Q\\E{10}", "\\Qabc\\E{10}", "a(?s)*")) {
            assertThat(PatternSize.estimate(source)).as(source).isGreaterThanOrEqualTo(compiledSize(source, true));
        }
        assertThat(compiledSize("(a{10})(?i){10}", true)).as("RE2J repeats the group").isGreaterThan(100);
    }

    @Example
    void nested_counted_repetitions_multiply() {
        assertThat(PatternSize.estimate("((a{1000}){1000}){1000}")).isEqualTo(2 + 1000L * (2 + 1000 * (2 + 1000)));
        assertThat(PatternSize.estimate("(.{0,1000}){1000}z")).isEqualTo(2 + 1000L * (2 + 2000) + 1);
        assertThat(PatternSize.estimate("(?:(?:(?:(?:a{999}){999}){999}){999}){999}"))
                .isEqualTo(PatternSize.SATURATED);
    }
}
