package circles.adapter.out.persistence.membership;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A row of {@code group_members}: one user's direct membership of one static group. */
@Entity
@Table(name = "group_members")
@IdClass(GroupMemberJpaEntity.Key.class)
@SqlResultSetMapping(name = GroupMemberJpaEntity.WITH_COMPUTED_VIA,
        entities = @EntityResult(entityClass = GroupMemberJpaEntity.class),
        columns = @ColumnResult(name = "computed_via", type = String.class))
public class GroupMemberJpaEntity {
    /**
     * A membership row, or (with {@code computed_via} not null) a computed member of a dynamic group shaped as one:
     * such a row is not stored in {@code group_members}.
     */
    static final String WITH_COMPUTED_VIA = "GroupMemberWithComputedVia";

    @Id
    @Column(name = "group_id")
    public UUID groupId;
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "org_id")
    public UUID orgId;
    public String role;
    public String status;
    @Column(name = "joined_at")
    public Instant joinedAt;
    @Column(name = "invited_by")
    public String invitedBy;
    @Column(name = "valid_from")
    public Instant validFrom;
    @Column(name = "valid_until")
    public Instant validUntil;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] permissions;
    @Column(name = "notification_override")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String notificationOverride;

    public static class Key implements Serializable {
        public UUID groupId;
        public String userId;

        public Key() {
        }

        public Key(UUID groupId, String userId) {
            this.groupId = groupId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(groupId, key.groupId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, userId);
        }
    }
}
