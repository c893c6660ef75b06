package circles.domain.rule;

import java.util.List;
import java.util.Objects;

/**
 * The answer for one member: whether they are a member of the rule's group and, node by node, why (the explain
 * shape of {@code explain}). Nodes come in document order, the root first.
 */
public record Evaluation(boolean member, String reason, List<NodeOutcome> criteria) {
    public Evaluation {
        Objects.requireNonNull(reason, "reason");
        criteria = List.copyOf(criteria);
    }

    /**
     * One node of the rule: {@code path} is a JSON pointer into the canonical rule ({@code ""} is the root),
     * {@code criterion} the criterion key or {@code all} / {@code any} / {@code not}.
     */
    public record NodeOutcome(String path, String criterion, boolean matched, String detail) {
        public NodeOutcome {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The outcome of the node at {@code path}. */
    public NodeOutcome at(String path) {
        return criteria.stream().filter(node -> node.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule node at " + path));
    }
}
