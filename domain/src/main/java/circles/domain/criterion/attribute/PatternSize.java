package circles.domain.criterion.attribute;

/**
 * An upper bound of the size of the program RE2J would compile a regular expression into, read from the pattern's
 * text alone, without compiling it.
 *
 * <p>Why: RE2J matches in linear time, but its compiler expands every counted repetition into copies of what it
 * repeats, so that a short pattern can ask for a huge program: {@code ((a{1000}){1000}){1000}} (23 characters) is a
 * billion instructions, more than any heap holds, and {@code (.{0,1000}){1000}z} is two million, each of which the
 * matcher may step through for every character of a value. The size has to be known before the compiler runs.
 *
 * <p>How: a small parser of the RE2 syntax (literals, {@code \Q...\E}, escapes, classes with their POSIX and Unicode
 * names, groups of every kind and flag groups, alternation, {@code * + ?} and the counted repetitions {@code {n}},
 * {@code {n,}}, {@code {n,m}}, greedy or not) that counts the instructions the way RE2J's compiler emits them for
 * the pattern as written:
 * <ul>
 *   <li>2 for every program (its fail and match instructions);</li>
 *   <li>1 per literal character, character class (whatever its number of ranges: RE2J keeps a class's ranges in one
 *       instruction), {@code .}, anchor and word boundary;</li>
 *   <li>2 more for a capturing group; nothing for a non-capturing group or a flag group;</li>
 *   <li>{@code x+}, {@code x?}: the size of x plus 1; {@code x*} and {@code x{0,}}: plus 2 (RE2J compiles the star
 *       of an x that can match the empty text as {@code (x+)?}; the estimate does not ask which x can);</li>
 *   <li>{@code x{n}}: n copies of x; {@code x{n,}}: n copies plus 1; {@code x{n,m}}: n copies of x and m - n copies
 *       of {@code x?} (each x plus 1); {@code x{0}} and an empty expression: 1 (a no-op);</li>
 *   <li>an alternation of k branches: their sizes plus k - 1.</li>
 * </ul>
 * A class is one instruction however many ranges it has ({@code \p{L}} has hundreds): RE2J stores its ranges once,
 * shared by every copy a repetition makes, and searches them in logarithmic time, so that a repeated large class
 * costs about what a repeated {@code .} costs (measured: {@code [\p{L}\p{N}\p{P}\p{S}\p{Z}]{0,999}} matches as
 * fast as {@code .{0,999}}). Nested repetitions multiply. RE2J's parser only ever makes a program smaller than
 * this count (it merges alternatives into classes, factors common prefixes, drops redundant repetitions), so the
 * count is an upper bound; a property test compares it with the size of the program RE2J really builds. What
 * this parser cannot read as RE2 (an unclosed class or group, an unknown escape) it counts as literal characters
 * or closes at the end of the text, which never counts less: RE2J refuses such patterns as syntax errors anyway,
 * before it compiles anything.
 *
 * <p>Sizes saturate at {@link #SATURATED}, far above any bound, so that no pattern overflows the count. The parser
 * recurses once per nested group: callers bound the pattern's length first ({@link RegexBudget}).
 */
public final class PatternSize {
    /** Where counting stops: any program this large is refused long before. */
    public static final long SATURATED = 1L << 40;

    private final String pattern;
    private int at;

    private PatternSize(String pattern) {
        this.pattern = pattern;
    }

    /** The number of instructions RE2J compiles {@code pattern} into, or more; at most {@link #SATURATED}. */
    public static long estimate(String pattern) {
        PatternSize parser = new PatternSize(pattern);
        long size = 0;
        // A ')' without its '(' is a syntax error for RE2J; counted as a literal here, it only adds.
        while (true) {
            size = plus(size, parser.alternation());
            if (parser.at >= pattern.length()) {
                break;
            }
            parser.at++;
            size = plus(size, 1);
        }
        return plus(size, 2);
    }

    /** {@code a|b|c}: the branches and one instruction per choice between them. */
    private long alternation() {
        long size = concatenation();
        while (at < pattern.length() && pattern.charAt(at) == '|') {
            at++;
            size = plus(plus(size, concatenation()), 1);
        }
        return size;
    }

    /**
     * A sequence of repeated atoms, up to {@code |}, {@code )} or the end; empty counts as one no-op. Like RE2J's
     * parser, a quantifier after something that compiles to nothing (a flag group, an empty {@code \Q\E}) repeats
     * the piece before it, and one after {@code \Q...\E} repeats its last character only.
     */
    private long concatenation() {
        long size = 0;
        long last = -1; // what the last piece adds, as repeated; -1 before the first
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '|' || c == ')') {
                break;
            }
            long atom;
            if (pattern.startsWith("\\Q", at)) {
                int quoted = quoted();
                size = plus(size, Math.max(0, quoted - 1));
                atom = quoted == 0 ? -1 : 1;
            } else {
                atom = atom();
            }
            if (atom < 0) {
                if (last >= 0) {
                    long again = repeated(last);
                    size = size >= SATURATED ? SATURATED : plus(size - last, again);
                    last = again;
                }
                continue;
            }
            last = repeated(atom);
            size = plus(size, last);
        }
        return last < 0 && size == 0 ? 1 : size;
    }

    /** Moves past {@code \Q...\E} (or {@code \Q...} to the end) and answers how many characters it quotes. */
    private int quoted() {
        at += 2;
        int end = pattern.indexOf("\\E", at);
        int stop = end < 0 ? pattern.length() : end;
        int characters = pattern.codePointCount(at, stop);
        at = end < 0 ? stop : end + 2;
        return characters;
    }

    /**
     * The size of the atom at the cursor, or -1 for a flag group. A quantifier with nothing before it is a syntax
     * error for RE2J; here it repeats a one-instruction atom, which only adds.
     */
    private long atom() {
        char c = pattern.charAt(at);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                skipClass();
                return 1;
            }
            case '\\' -> {
                return escape();
            }
            default -> {
                at += Character.charCount(pattern.codePointAt(at));
                return 1;
            }
        }
    }

    /** Applies the quantifiers after an atom, each multiplying what came before. */
    private long repeated(long size) {
        long result = size;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '*') {
                at++;
                result = plus(result, 2);
            } else if (c == '+' || c == '?') {
                at++;
                result = plus(result, 1);
            } else if (c == '{') {
                Range range = range();
                if (range == null) {
                    break; // a '{' that is no counted repetition is a literal: the next atom
                }
                result = counted(result, range);
            } else {
                break;
            }
            if (at < pattern.length() && pattern.charAt(at) == '?') {
                at++; // non-greedy: the same instructions
            }
        }
        return result;
    }

    /** {@code x{n}}, {@code x{n,}}, {@code x{n,m}} as RE2J expands them. */
    private static long counted(long size, Range range) {
        long min = range.min();
        if (range.max() < 0) {
            return min == 0 ? plus(size, 2) : plus(times(size, min), 1);
        }
        long max = Math.max(range.max(), min);
        if (max == 0) {
            return 1;
        }
        return plus(times(size, min), times(plus(size, 1), max - min));
    }

    private record Range(long min, long max) {
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at the cursor (max -1 when open), or null if it is none. */
    private Range range() {
        int i = at + 1;
        int start = i;
        long min = 0;
        while (i < pattern.length() && isDigit(pattern.charAt(i))) {
            min = digit(min, pattern.charAt(i++));
        }
        if (i == start || i >= pattern.length() || leadingZero(start, i)) {
            return null;
        }
        long max = min;
        if (pattern.charAt(i) == ',') {
            i++;
            int maxStart = i;
            long upper = 0;
            while (i < pattern.length() && isDigit(pattern.charAt(i))) {
                upper = digit(upper, pattern.charAt(i++));
            }
            if (leadingZero(maxStart, i)) {
                return null;
            }
            max = i == maxStart ? -1 : upper;
        }
        if (i >= pattern.length() || pattern.charAt(i) != '}') {
            return null;
        }
        at = i + 1;
        return new Range(min, max);
    }

    /** RE2 reads {@code {01}} as literal text, not as a count: a count has no leading zero. */
    private boolean leadingZero(int start, int end) {
        return end - start > 1 && pattern.charAt(start) == '0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long digit(long value, char c) {
        return Math.min(SATURATED, value * 10 + (c - '0'));
    }

    /** A group at the cursor: its content (plus two capture instructions if it captures), or -1 for {@code (?i)}. */
    private long group() {
        at++; // (
        boolean captures = true;
        if (at < pattern.length() && pattern.charAt(at) == '?') {
            at++;
            if (at < pattern.length() && (pattern.charAt(at) == 'P' || pattern.charAt(at) == '<')) {
                int close = pattern.indexOf('>', at);
                at = close < 0 ? pattern.length() : close + 1; // (?P<name> or (?<name>: captures
            } else {
                while (at < pattern.length() && "imsU-".indexOf(pattern.charAt(at)) >= 0) {
                    at++;
                }
                if (at < pattern.length() && pattern.charAt(at) == ')') {
                    at++;
                    return -1; // (?flags): changes the flags of what follows, compiles to nothing
                }
                if (at < pattern.length() && pattern.charAt(at) == ':') {
                    at++;
                    captures = false; // (?flags:...)
                }
                // anything else after "(?" is a syntax error for RE2J; read on as a capturing group
            }
        }
        long size = alternation();
        if (at < pattern.length()) {
            at++; // )
        }
        return captures ? plus(size, 2) : size;
    }

    /** Moves past a bracketed class, POSIX names ({@code [:alpha:]}) and escapes included. */
    private void skipClass() {
        at++; // [
        if (at < pattern.length() && pattern.charAt(at) == '^') {
            at++;
        }
        boolean first = true;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == ']' && !first) {
                at++;
                return;
            }
            first = false;
            if (c == '[' && pattern.startsWith("[:", at)) {
                int close = pattern.indexOf(":]", at + 2);
                if (close >= 0) {
                    at = close + 2;
                    continue;
                }
            }
            if (c == '\\') {
                skipEscape();
            } else {
                at += Character.charCount(pattern.codePointAt(at));
            }
        }
    }

    /** An escape outside a class other than {@code \Q}: one instruction. */
    private long escape() {
        skipEscape();
        return 1;
    }

    /** Moves past one escape: {@code \x{...}}, {@code \xHH}, {@code \p{...}}, {@code \pL}, octal, or one character. */
    private void skipEscape() {
        at++; // backslash
        if (at >= pattern.length()) {
            return;
        }
        char c = pattern.charAt(at);
        at += Character.charCount(pattern.codePointAt(at));
        if ((c == 'x' || c == 'p' || c == 'P') && at < pattern.length() && pattern.charAt(at) == '{') {
            int close = pattern.indexOf('}', at);
            at = close < 0 ? pattern.length() : close + 1;
        } else if ((c == 'p' || c == 'P') && at < pattern.length()) {
            at += Character.charCount(pattern.codePointAt(at)); // a one-letter class name: \pL
        } else if (c == 'x') {
            for (int digits = 0; digits < 2 && at < pattern.length()
                    && Character.digit(pattern.charAt(at), 16) >= 0; digits++) {
                at++;
            }
        } else if (c >= '0' && c <= '7') {
            int digits = 0;
            while (digits < 2 && at < pattern.length() && pattern.charAt(at) >= '0' && pattern.charAt(at) <= '7') {
                at++;
                digits++;
            }
        }
    }

    private static long plus(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    private static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
    }
}
