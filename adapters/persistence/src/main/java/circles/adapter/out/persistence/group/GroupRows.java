package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.sql.ColumnValues;
import circles.domain.group.Group;

import java.util.UUID;

/**
 * A group read as plain column values of a native query rather than as a managed entity: the list reads keep
 * nothing in the persistence context (no snapshot of each row's JSON to compare at the end of the transaction), and
 * the JSON columns arrive as text for the same mapper the entity path uses.
 */
public final class GroupRows {
    /** How many columns {@link #columns} selects. */
    public static final int COUNT = 22;

    private GroupRows() {
    }

    /** The select list of a group row of table alias {@code g}, in the order {@link #group} reads it. */
    public static String columns(String g) {
        return String.join(", ", g + ".id", g + ".org_id", g + ".name", g + ".slug", g + ".description",
                g + ".email", g + ".icon", g + ".color", g + ".type", g + ".kind", g + ".parent_id",
                g + ".visibility", g + ".owner_id", g + ".reviewer_id", "cast(" + g + ".settings as text)",
                "cast(" + g + ".metadata as text)", g + ".status", g + ".expires_at", g + ".preset", g + ".version",
                g + ".created_at", g + ".updated_at");
    }

    /** The group of the {@link #COUNT} columns of {@code row} from index {@code from}. */
    public static Group group(Object[] row, int from) {
        GroupJpaEntity columns = new GroupJpaEntity();
        columns.id = (UUID) row[from];
        columns.orgId = (UUID) row[from + 1];
        columns.name = (String) row[from + 2];
        columns.slug = (String) row[from + 3];
        columns.description = (String) row[from + 4];
        columns.email = (String) row[from + 5];
        columns.icon = (String) row[from + 6];
        columns.color = (String) row[from + 7];
        columns.type = (String) row[from + 8];
        columns.kind = (String) row[from + 9];
        columns.parentId = (UUID) row[from + 10];
        columns.visibility = (String) row[from + 11];
        columns.ownerId = (String) row[from + 12];
        columns.reviewerId = (String) row[from + 13];
        columns.settings = (String) row[from + 14];
        columns.metadata = (String) row[from + 15];
        columns.status = (String) row[from + 16];
        columns.expiresAt = ColumnValues.instant(row[from + 17]);
        columns.preset = (String) row[from + 18];
        columns.version = ((Number) row[from + 19]).longValue();
        columns.createdAt = ColumnValues.instant(row[from + 20]);
        columns.updatedAt = ColumnValues.instant(row[from + 21]);
        return GroupMapper.toDomain(columns);
    }
}
