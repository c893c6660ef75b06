package circles.adapter.out.persistence.assignment;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "assignments")
@SqlResultSetMapping(name = AssignmentJpaEntity.WITH_GROUPS,
        entities = @EntityResult(entityClass = AssignmentJpaEntity.class),
        columns = @ColumnResult(name = "via_groups", type = String.class))
public class AssignmentJpaEntity {
    /** An assignment reaching a user, with the comma-separated ids of the groups it reaches them through. */
    static final String WITH_GROUPS = "AssignmentWithGroups";

    @Id
    public UUID id;
    @Column(name = "group_id")
    public UUID groupId;
    @Column(name = "org_id")
    public UUID orgId;
    @Column(name = "resource_type")
    public String resourceType;
    @Column(name = "resource_id")
    public String resourceId;
    @Column(name = "assigned_by")
    public String assignedBy;
    @Column(name = "assigned_at")
    public Instant assignedAt;
}
