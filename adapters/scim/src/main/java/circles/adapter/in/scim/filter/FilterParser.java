package circles.adapter.in.scim.filter;

import circles.adapter.in.scim.ScimException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser of SCIM filters and PATCH paths (RFC 7644 §3.4.2.2 and §3.5.2). Precedence, loosest
 * first: {@code or}, {@code and}, {@code not (...)}; parentheses group; {@code attr[...]} filters the values of a
 * multi-valued attribute. Keywords and operators are case-insensitive. Input is bounded in length and nesting,
 * so parsing is linear in the length of the text.
 *
 * <pre>
 * filter     = or
 * or         = and *("or" and)
 * and        = unary *("and" unary)
 * unary      = "not" "(" filter ")" / "(" filter ")" / attrPath "[" filter "]" / attrPath "pr" / attrPath op value
 * value      = string / number / "true" / "false" / "null"
 * patchPath  = attrPath ["[" filter "]" ["." name]]
 * </pre>
 */
public final class FilterParser {
    public static final int MAX_LENGTH = 4_096;
    private static final int MAX_DEPTH = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final List<Token> tokens;
    private int position;
    private int depth;

    private FilterParser(String text) {
        if (text.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("the filter is longer than " + MAX_LENGTH + " characters");
        }
        this.text = text;
        this.tokens = tokenize(text);
    }

    public static Filter parse(String text) {
        FilterParser parser = new FilterParser(text);
        if (parser.tokens.isEmpty()) {
            throw ScimException.invalidFilter("the filter is empty");
        }
        Filter filter = parser.or(false);
        parser.expectEnd();
        return filter;
    }

    public static PatchPath parsePath(String text) {
        FilterParser parser;
        try {
            parser = new FilterParser(text);
        } catch (ScimException failure) {
            throw ScimException.invalidPath(failure.getMessage());
        }
        try {
            return parser.patchPath();
        } catch (ScimException failure) {
            throw ScimException.invalidPath("'" + text + "' is not a valid path: " + failure.getMessage());
        }
    }

    private PatchPath patchPath() {
        AttributePath attribute = attributePath(false);
        if (!peek(Kind.OPEN_BRACKET)) {
            expectEnd();
            return new PatchPath(attribute, null, null);
        }
        if (attribute.subAttribute() != null) {
            throw fail("a value filter follows an attribute, not a sub-attribute");
        }
        next();
        Filter filter = or(true);
        expect(Kind.CLOSE_BRACKET, "]");
        String sub = null;
        if (peek(Kind.WORD) && tokens.get(position).text().startsWith(".")) {
            sub = next().text().substring(1);
            if (!AttributePath.isName(sub)) {
                throw fail("'" + sub + "' is not an attribute name");
            }
        }
        expectEnd();
        return new PatchPath(attribute, filter, sub);
    }

    private Filter or(boolean inValuePath) {
        enter();
        Filter left = and(inValuePath);
        while (peekKeyword("or")) {
            next();
            left = new Filter.Or(left, and(inValuePath));
        }
        depth--;
        return left;
    }

    private Filter and(boolean inValuePath) {
        Filter left = unary(inValuePath);
        while (peekKeyword("and")) {
            next();
            left = new Filter.And(left, unary(inValuePath));
        }
        return left;
    }

    private Filter unary(boolean inValuePath) {
        if (peekKeyword("not")) {
            next();
            expect(Kind.OPEN_PAREN, "( after not");
            Filter inner = or(inValuePath);
            expect(Kind.CLOSE_PAREN, ")");
            return new Filter.Not(inner);
        }
        if (peek(Kind.OPEN_PAREN)) {
            next();
            Filter inner = or(inValuePath);
            expect(Kind.CLOSE_PAREN, ")");
            return inner;
        }
        AttributePath path = attributePath(inValuePath);
        if (peek(Kind.OPEN_BRACKET)) {
            if (inValuePath) {
                throw fail("value filters cannot be nested");
            }
            if (path.subAttribute() != null) {
                throw fail("a value filter follows an attribute, not a sub-attribute");
            }
            next();
            Filter inner = or(true);
            expect(Kind.CLOSE_BRACKET, "]");
            return new Filter.ValuePath(path, inner);
        }
        Token operator = next();
        if (operator == null || operator.kind() != Kind.WORD) {
            throw fail("an operator (eq, ne, co, sw, ew, pr, gt, ge, lt, le) must follow " + path);
        }
        Filter.Operator op = operator(operator.text());
        if (op == Filter.Operator.PR) {
            return new Filter.Comparison(path, op, null);
        }
        return new Filter.Comparison(path, op, value());
    }

    private AttributePath attributePath(boolean inValuePath) {
        Token token = next();
        if (token == null || token.kind() != Kind.WORD) {
            throw fail("an attribute name is expected");
        }
        AttributePath path = AttributePath.parse(token.text());
        if (path == null) {
            throw fail("'" + token.text() + "' is not an attribute path");
        }
        if (inValuePath && path.schema() != null) {
            throw fail("attributes inside a value filter name sub-attributes, without a schema");
        }
        return path;
    }

    private JsonNode value() {
        Token token = next();
        if (token == null) {
            throw fail("a comparison value is expected");
        }
        if (token.kind() == Kind.STRING) {
            return read(token.text());
        }
        if (token.kind() == Kind.WORD) {
            switch (token.text().toLowerCase(Locale.ROOT)) {
                case "true" -> {
                    return BooleanNode.TRUE;
                }
                case "false" -> {
                    return BooleanNode.FALSE;
                }
                case "null" -> {
                    return NullNode.instance;
                }
                default -> {
                    JsonNode number = readOrNull(token.text());
                    if (number != null && number.isNumber()) {
                        return number;
                    }
                }
            }
        }
        throw fail("'" + token.text() + "' is not a comparison value (a quoted string, a number, true, false"
                + " or null)");
    }

    private static Filter.Operator operator(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "eq" -> Filter.Operator.EQ;
            case "ne" -> Filter.Operator.NE;
            case "co" -> Filter.Operator.CO;
            case "sw" -> Filter.Operator.SW;
            case "ew" -> Filter.Operator.EW;
            case "pr" -> Filter.Operator.PR;
            case "gt" -> Filter.Operator.GT;
            case "ge" -> Filter.Operator.GE;
            case "lt" -> Filter.Operator.LT;
            case "le" -> Filter.Operator.LE;
            default -> throw ScimException.invalidFilter("'" + word + "' is not an operator");
        };
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw fail("the filter nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private boolean peek(Kind kind) {
        return position < tokens.size() && tokens.get(position).kind() == kind;
    }

    private boolean peekKeyword(String keyword) {
        return peek(Kind.WORD) && tokens.get(position).text().equalsIgnoreCase(keyword);
    }

    private Token next() {
        return position < tokens.size() ? tokens.get(position++) : null;
    }

    private void expect(Kind kind, String what) {
        Token token = next();
        if (token == null || token.kind() != kind) {
            throw fail("'" + what + "' is expected" + (token == null ? " at the end" : ", not '" + token.text() + "'"));
        }
    }

    private void expectEnd() {
        if (position < tokens.size()) {
            throw fail("unexpected '" + tokens.get(position).text() + "'");
        }
    }

    private ScimException fail(String reason) {
        int at = position < tokens.size() ? tokens.get(position).offset() : text.length();
        return ScimException.invalidFilter(reason + " (at character " + (at + 1) + " of the filter)");
    }

    private enum Kind { WORD, STRING, OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET, CLOSE_BRACKET }

    /** A token; a string token keeps its quotes and escapes (it is read as JSON). */
    private record Token(Kind kind, String text, int offset) {
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            switch (c) {
                case '(' -> tokens.add(new Token(Kind.OPEN_PAREN, "(", i++));
                case ')' -> tokens.add(new Token(Kind.CLOSE_PAREN, ")", i++));
                case '[' -> tokens.add(new Token(Kind.OPEN_BRACKET, "[", i++));
                case ']' -> tokens.add(new Token(Kind.CLOSE_BRACKET, "]", i++));
                case '"' -> {
                    int start = i++;
                    while (i < text.length() && text.charAt(i) != '"') {
                        i += text.charAt(i) == '\\' ? 2 : 1;
                    }
                    if (i >= text.length()) {
                        throw ScimException.invalidFilter("a string starting at character " + (start + 1)
                                + " is not closed");
                    }
                    i++;
                    tokens.add(new Token(Kind.STRING, text.substring(start, i), start));
                }
                default -> {
                    int start = i;
                    while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                            && "()[]\"".indexOf(text.charAt(i)) < 0) {
                        i++;
                    }
                    tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
                }
            }
        }
        return tokens;
    }

    private static JsonNode read(String json) {
        JsonNode node = readOrNull(json);
        if (node == null) {
            throw ScimException.invalidFilter(json + " is not a valid JSON string");
        }
        return node;
    }

    private static JsonNode readOrNull(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
