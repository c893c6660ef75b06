package circles.adapter.out.persistence.assignment;

import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.GroupId;

import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

final class AssignmentMapper {
    private AssignmentMapper() {
    }

    static AssignmentJpaEntity newEntity(Assignment assignment, UUID orgId) {
        AssignmentJpaEntity entity = new AssignmentJpaEntity();
        entity.id = assignment.id();
        entity.groupId = assignment.groupId().value();
        entity.orgId = orgId;
        entity.resourceType = assignment.resourceType();
        entity.resourceId = assignment.resourceId();
        entity.assignedBy = assignment.assignedBy().value();
        entity.assignedAt = micros(assignment.assignedAt());
        return entity;
    }

    static Assignment toDomain(AssignmentJpaEntity entity) {
        return new Assignment(entity.id, new GroupId(entity.groupId), entity.resourceType, entity.resourceId,
                new UserId(entity.assignedBy), entity.assignedAt);
    }
}
