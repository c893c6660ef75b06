package circles.adapter.in.rest.membership;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.domain.group.GroupId;

import java.util.Objects;

/**
 * How a membership arises, in the forms the API answers with: {@code via} as text ({@code direct}, {@code dynamic},
 * {@code override}, {@code subgroup:<uuid>}), its {@code viaKind} ({@code direct}, {@code subgroup},
 * {@code dynamic}, {@code override}) and, for {@code subgroup}, the subgroup's id as {@code viaGroupId} (null
 * otherwise), so that clients need not parse the text.
 */
public record MembershipVia(Kind kind, GroupId subgroup) {

    /** The kinds of {@code viaKind}, by wire name. */
    public enum Kind {
        DIRECT("direct"), SUBGROUP("subgroup"), DYNAMIC("dynamic"), OVERRIDE("override");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public static final MembershipVia DIRECT = new MembershipVia(Kind.DIRECT, null);

    public MembershipVia {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SUBGROUP) != (subgroup != null)) {
            throw new IllegalArgumentException("a subgroup membership, and only it, names its subgroup");
        }
    }

    /** As seen from the group asked about: direct when it is the group itself, else through that subgroup. */
    public static MembershipVia of(GroupId asked, GroupId through) {
        return through == null || through.equals(asked) ? DIRECT : new MembershipVia(Kind.SUBGROUP, through);
    }

    /** A computed member of a dynamic group: by its rule, or by an include override. */
    public static MembershipVia computed(DynamicMembersStore.Via via) {
        return new MembershipVia(via == DynamicMembersStore.Via.RULE ? Kind.DYNAMIC : Kind.OVERRIDE, null);
    }

    /** The {@code via} text: the kind, with the subgroup's id for {@code subgroup}. */
    public String text() {
        return kind == Kind.SUBGROUP ? "subgroup:" + subgroup : kind.wireName();
    }

    public String kindName() {
        return kind.wireName();
    }

    /** The subgroup's id for {@code subgroup}; null otherwise. */
    public String groupId() {
        return subgroup == null ? null : subgroup.toString();
    }
}
