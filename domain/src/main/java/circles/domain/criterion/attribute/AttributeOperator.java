package circles.domain.criterion.attribute;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operators of the {@code attribute} criterion. A negated operator is the exact negation of its
 * positive twin on a present value, and true on a missing one; every positive operator is false on a missing value.
 */
public enum AttributeOperator {
    EQUALS("equals", null, Kind.TEXT),
    NOT_EQUALS("not_equals", EQUALS, Kind.TEXT),
    CONTAINS("contains", null, Kind.TEXT),
    NOT_CONTAINS("not_contains", CONTAINS, Kind.TEXT),
    STARTS_WITH("starts_with", null, Kind.TEXT),
    ENDS_WITH("ends_with", null, Kind.TEXT),
    REGEX("regex", null, Kind.PATTERN),
    IN_LIST("in_list", null, Kind.LIST),
    NOT_IN_LIST("not_in_list", IN_LIST, Kind.LIST),
    IS_EMPTY("is_empty", null, Kind.NONE),
    IS_NOT_EMPTY("is_not_empty", null, Kind.NONE),
    IS("is", null, Kind.TREE),
    IS_NOT("is_not", IS, Kind.TREE),
    IS_UNDER("is_under", null, Kind.TREE),
    IS_NOT_UNDER("is_not_under", IS_UNDER, Kind.TREE);

    /** What the operator expects as its {@code value}. */
    public enum Kind { TEXT, PATTERN, LIST, NONE, TREE }

    private final String wireName;
    private final AttributeOperator negationOf;
    private final Kind kind;

    AttributeOperator(String wireName, AttributeOperator negationOf, Kind kind) {
        this.wireName = wireName;
        this.negationOf = negationOf;
        this.kind = kind;
    }

    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    /** The positive operator this one negates ({@code not_equals} -> {@code equals}); empty for a positive one. */
    public Optional<AttributeOperator> negationOf() {
        return Optional.ofNullable(negationOf);
    }

    public boolean isNegated() {
        return negationOf != null;
    }

    public boolean treeOnly() {
        return kind == Kind.TREE;
    }

    public static Optional<AttributeOperator> fromWire(String name) {
        return Arrays.stream(values()).filter(op -> op.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(AttributeOperator::wireName).toList();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
