package circles.bootstrap.contract;

import java.util.Arrays;

/**
 * The callers of the permission matrix, one column each. "Group owner" and "group moderator" are plain
 * members of org A who hold that role in the fixture group G.
 */
enum Actor {
    PLATFORM_ADMIN("platformAdmin"),
    ORG_ADMIN("orgAdmin"),
    IT_ADMIN("itAdmin"),
    ORG_MEMBER("orgMember"),
    GROUP_OWNER("groupOwner"),
    GROUP_MODERATOR("groupModerator"),
    OUTSIDER("outsider"),
    OTHER_ORG_ADMIN("otherOrgAdmin");

    private final String column;

    Actor(String column) {
        this.column = column;
    }

    /** The column header in {@code permission-matrix.csv}. */
    String column() {
        return column;
    }

    static Actor ofColumn(String column) {
        return Arrays.stream(values())
                .filter(actor -> actor.column.equals(column))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown actor column " + column));
    }
}
