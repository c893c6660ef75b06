package circles.domain.group;

import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.util.List;
import java.util.Objects;

/** Where a group may sit: under a parent of the same scope, never under itself, at most {@value #MAX_DEPTH} deep. */
public final class Nesting {
    public static final int MAX_DEPTH = 10;

    private Nesting() {
    }

    /**
     * @param group            the group being placed
     * @param parent           the proposed parent
     * @param parentAncestry   the parent's ancestors, nearest first (the parent itself excluded)
     * @param subtreeHeight    levels of the group's own subtree, 1 for a group without subgroups
     */
    public static void check(Group group, Group parent, List<GroupId> parentAncestry, int subtreeHeight) {
        if (!Objects.equals(group.orgIdOrNull(), parent.orgIdOrNull())) {
            throw RuleViolation.invalidField("parentId", "the parent must belong to the same org as the group");
        }
        if (parent.id().equals(group.id()) || parentAncestry.contains(group.id())) {
            throw new RuleViolation("nesting-cycle",
                    "group " + parent.id() + " is " + group.id() + " itself or one of its subgroups; nesting must not form a cycle",
                    List.of(new FieldError("parentId", "would create a cycle")));
        }
        int depth = parentAncestry.size() + 1 + subtreeHeight;
        if (depth > MAX_DEPTH) {
            throw new RuleViolation("nesting-too-deep",
                    "nesting would reach depth " + depth + "; at most " + MAX_DEPTH + " levels are allowed",
                    List.of(new FieldError("parentId", "too deep")));
        }
    }
}
