package circles.adapter.out.persistence.group;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code groups}. The generated columns {@code org_key} and {@code name_key} are the database's. */
@Entity
@Table(name = "groups")
@SqlResultSetMapping(name = GroupJpaEntity.WITH_SORT_KEY, entities = @EntityResult(entityClass = GroupJpaEntity.class),
        columns = @ColumnResult(name = "sort_key", type = String.class))
@SqlResultSetMapping(name = GroupJpaEntity.WITH_MEMBERSHIP_SOURCE,
        entities = @EntityResult(entityClass = GroupJpaEntity.class),
        columns = {@ColumnResult(name = "sort_key", type = String.class),
                @ColumnResult(name = "via_group_id", type = UUID.class),
                @ColumnResult(name = "direct", type = Boolean.class)})
public class GroupJpaEntity {
    /** A row of a list page: the group and its position in the list's order. */
    static final String WITH_SORT_KEY = "GroupWithSortKey";
    /** A group a user is in, with the group whose membership makes them a member and whether that is this one. */
    public static final String WITH_MEMBERSHIP_SOURCE = "GroupWithMembershipSource";

    @Id
    public UUID id;
    @Column(name = "org_id")
    public UUID orgId;
    public String name;
    public String slug;
    public String description;
    public String email;
    public String icon;
    public String color;
    public String type;
    public String kind;
    @Column(name = "parent_id")
    public UUID parentId;
    public String visibility;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "reviewer_id")
    public String reviewerId;
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String settings;
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String metadata;
    public String status;
    @Column(name = "expires_at")
    public Instant expiresAt;
    public String preset;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
