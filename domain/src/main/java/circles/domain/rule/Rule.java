package circles.domain.rule;

import circles.domain.criterion.Criterion;
import circles.domain.group.GroupId;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rule of a dynamic group: a boolean tree whose leaves are criteria (docs/design.md, Rules and criteria). Build one
 * with {@link RuleParser}, which enforces the limits; write it back with {@link RuleWriter}.
 */
public sealed interface Rule {
    /** A rule has at most this many leaves. */
    int MAX_LEAVES = 100;
    /** A rule is at most this deep; the root counts as 1. */
    int MAX_DEPTH = 8;

    /** Every part must match. */
    record All(List<Rule> rules) implements Rule {
        public All {
            rules = nonEmpty(rules, "all");
        }
    }

    /** At least one part must match. */
    record Any(List<Rule> rules) implements Rule {
        public Any {
            rules = nonEmpty(rules, "any");
        }
    }

    /** The part must not match. */
    record Not(Rule rule) implements Rule {
        public Not {
            Objects.requireNonNull(rule, "not");
        }
    }

    /** One criterion. */
    record Leaf(Criterion criterion) implements Rule {
        public Leaf {
            Objects.requireNonNull(criterion, "criterion");
        }
    }

    /** The number of criteria. */
    default int leafCount() {
        return switch (this) {
            case All all -> all.rules().stream().mapToInt(Rule::leafCount).sum();
            case Any any -> any.rules().stream().mapToInt(Rule::leafCount).sum();
            case Not not -> not.rule().leafCount();
            case Leaf ignored -> 1;
        };
    }

    /** The depth of the tree; a lone criterion has depth 1. */
    default int depth() {
        return switch (this) {
            case All all -> 1 + all.rules().stream().mapToInt(Rule::depth).max().orElse(0);
            case Any any -> 1 + any.rules().stream().mapToInt(Rule::depth).max().orElse(0);
            case Not not -> 1 + not.rule().depth();
            case Leaf ignored -> 1;
        };
    }

    /** The criteria, left to right. */
    default List<Criterion> criteria() {
        return switch (this) {
            case All all -> all.rules().stream().flatMap(r -> r.criteria().stream()).toList();
            case Any any -> any.rules().stream().flatMap(r -> r.criteria().stream()).toList();
            case Not not -> not.rule().criteria();
            case Leaf leaf -> List.of(leaf.criterion());
        };
    }

    /** The groups the rule reads through {@code member_of}. */
    default Set<GroupId> referencedGroups() {
        Set<GroupId> groups = new LinkedHashSet<>();
        criteria().forEach(c -> groups.addAll(c.referencedGroups()));
        return groups;
    }

    /** Whether every criterion is absolute, so that one member can be re-checked alone when their data change. */
    default boolean absolute() {
        return criteria().stream().allMatch(Criterion::absolute);
    }

    private static List<Rule> nonEmpty(List<Rule> rules, String name) {
        Objects.requireNonNull(rules, name);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("an empty " + name + " is not a rule");
        }
        return List.copyOf(rules);
    }
}
