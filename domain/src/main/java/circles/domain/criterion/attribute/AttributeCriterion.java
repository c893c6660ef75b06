package circles.domain.criterion.attribute;

import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;
import circles.domain.criterion.attribute.AttributeCriterion.Expected.Choices;
import circles.domain.criterion.attribute.AttributeCriterion.Expected.NoValue;
import circles.domain.criterion.attribute.AttributeCriterion.Expected.Regex;
import circles.domain.criterion.attribute.AttributeCriterion.Expected.Text;
import com.google.re2j.Pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A profile field test: {@code field operator value}, case-insensitive unless {@code caseSensitive}. Values on
 * both sides are trimmed; a missing or blank value makes {@code is_empty} true, every positive operator false and
 * every negated operator true.
 */
public record AttributeCriterion(AttributeField field, AttributeOperator operator, Expected expected,
                                 boolean caseSensitive) implements Criterion {

    /** What the operator compares with. */
    public sealed interface Expected {
        /** {@code is_empty} / {@code is_not_empty}. */
        record NoValue() implements Expected {
        }

        /** A trimmed, non-blank text (a master-data key or a path for the tree operators). */
        record Text(String value) implements Expected {
            public Text {
                Objects.requireNonNull(value, "value");
            }
        }

        /** The trimmed, non-blank elements of {@code in_list} / {@code not_in_list}. */
        record Choices(List<String> values) implements Expected {
            public Choices {
                values = List.copyOf(values);
            }
        }

        /**
         * An RE2 expression, compiled once; equal when the source and the case rule are equal. It is held to
         * {@link RegexBudget} before it is compiled, whoever builds it: a rule sent by a client, a stored rule read
         * back for an evaluation (in memory or in the store, which judges patterns with this very object).
         */
        final class Regex implements Expected {
            private final String source;
            private final boolean caseSensitive;
            private final Pattern pattern;

            /**
             * @throws circles.domain.shared.RuleViolation when {@code source} is over {@link RegexBudget}:
             *         {@code regex-too-complex}, or {@code rule-invalid} when it is too long
             * @throws com.google.re2j.PatternSyntaxException when {@code source} is not valid RE2 syntax
             */
            public Regex(String source, boolean caseSensitive) {
                this.source = Objects.requireNonNull(source, "source");
                this.caseSensitive = caseSensitive;
                RegexBudget.require(source);
                this.pattern = Pattern.compile(source, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
            }

            public String source() {
                return source;
            }

            /** A search, not an anchored match: anchors in the expression anchor it. */
            public boolean foundIn(String text) {
                return pattern.matcher(text).find();
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Regex regex && source.equals(regex.source)
                        && caseSensitive == regex.caseSensitive;
            }

            @Override
            public int hashCode() {
                return Objects.hash(source, caseSensitive);
            }

            @Override
            public String toString() {
                return source;
            }
        }
    }

    public AttributeCriterion {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(expected, "expected");
        boolean fits = switch (operator.kind()) {
            case NONE -> expected instanceof NoValue;
            case TEXT, TREE -> expected instanceof Text;
            case LIST -> expected instanceof Choices;
            case PATTERN -> expected instanceof Regex;
        };
        if (!fits) {
            throw new IllegalArgumentException(operator + " cannot compare with " + expected);
        }
        if (operator.treeOnly() && !field.isTree()) {
            throw new IllegalArgumentException(operator + " applies to tree fields only");
        }
    }

    @Override
    public String type() {
        return AttributeCriterionType.KEY;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("field", field.name());
        config.put("operator", operator.wireName());
        switch (expected) {
            case NoValue ignored -> { }
            case Text text -> config.put("value", text.value());
            case Choices choices -> config.put("value", choices.values());
            case Regex regex -> config.put("value", regex.source());
        }
        config.put("caseSensitive", caseSensitive);
        return config;
    }

    @Override
    public Outcome matches(Candidate member, EvaluationContext context) {
        String seen = field.valueIn(member.profile());
        String test = field + " " + operator + expectedText();
        if (operator == AttributeOperator.IS_EMPTY || operator == AttributeOperator.IS_NOT_EMPTY) {
            boolean matched = (seen == null) == (operator == AttributeOperator.IS_EMPTY);
            return Outcome.of(matched, seenText(seen) + "; " + test + ": " + matched);
        }
        if (seen == null) {
            boolean matched = operator.isNegated();
            return Outcome.of(matched, field + " is empty; " + test + ": " + matched
                    + (matched ? " (a negated operator holds on an empty value)"
                               : " (a positive operator fails on an empty value)"));
        }
        AttributeOperator positive = operator.negationOf().orElse(operator);
        StringBuilder why = new StringBuilder();
        boolean holds = holds(positive, seen, context, why);
        boolean matched = operator.isNegated() != holds;
        return Outcome.of(matched, seenText(seen) + why + "; " + test + ": " + matched);
    }

    private boolean holds(AttributeOperator positive, String seen, EvaluationContext context, StringBuilder why) {
        String value = fold(seen);
        return switch (positive) {
            case EQUALS -> value.equals(fold(text()));
            case CONTAINS -> value.contains(fold(text()));
            case STARTS_WITH -> value.startsWith(fold(text()));
            case ENDS_WITH -> value.endsWith(fold(text()));
            case REGEX -> ((Regex) expected).foundIn(seen);
            case IN_LIST -> ((Choices) expected).values().stream().anyMatch(choice -> fold(choice).equals(value));
            case IS -> field.treeKind().isPresent() ? value.equals(fold(text()))
                    : segments(seen).equals(segments(text()));
            case IS_UNDER -> isUnder(seen, context, why);
            default -> throw new IllegalStateException(positive + " is not a positive operator");
        };
    }

    /** {@code is_under x}: x itself or any descendant of x. */
    private boolean isUnder(String seen, EvaluationContext context, StringBuilder why) {
        if (field.treeKind().isEmpty()) {
            List<String> path = segments(seen);
            List<String> top = segments(text());
            return path.size() >= top.size() && path.subList(0, top.size()).equals(top);
        }
        String target = fold(text());
        if (fold(seen).equals(target)) {
            return true;
        }
        List<String> ancestors = context.ancestors(field.treeKind().get(), caseSensitive ? seen
                : seen.toLowerCase(Locale.ROOT));
        why.append(ancestors.isEmpty() ? " (no ancestors known)" : " (ancestors: " + String.join(" < ", ancestors) + ")");
        return ancestors.stream().anyMatch(ancestor -> fold(ancestor).equals(target));
    }

    /** The non-empty segments of a path, each folded: {@code /a//b/} is {@code [a, b]}. */
    private List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        Arrays.stream(path.split("/")).map(String::strip).filter(s -> !s.isEmpty()).map(this::fold)
                .forEach(segments::add);
        return segments;
    }

    private String fold(String text) {
        return caseSensitive ? text : text.toLowerCase(Locale.ROOT);
    }

    private String text() {
        return ((Text) expected).value();
    }

    private String expectedText() {
        return switch (expected) {
            case NoValue ignored -> "";
            case Text text -> " \"" + text.value() + "\"";
            case Choices choices -> " " + choices.values();
            case Regex regex -> " /" + regex.source() + "/";
        } + (caseSensitive ? " (case-sensitive)" : "");
    }

    private String seenText(String seen) {
        return seen == null ? field + " is empty" : field + " is \"" + seen + "\"";
    }
}
