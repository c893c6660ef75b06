package circles.adapter.out.persistence.membership;

import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.JsonColumns;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.NotificationOverride;
import circles.domain.org.OrgId;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;
import static circles.adapter.out.persistence.sql.ColumnValues.micros;

final class MembershipMapper {
    /** The stored shape of {@code notification_override}; absent parts follow the group's defaults. */
    @RegisterForReflection
    record OverrideDocument(Boolean enabled, List<String> types) {
    }

    private MembershipMapper() {
    }

    static GroupMemberJpaEntity newEntity(Membership membership) {
        GroupMemberJpaEntity entity = new GroupMemberJpaEntity();
        entity.groupId = membership.groupId().value();
        entity.userId = membership.userId().value();
        entity.orgId = membership.orgId() == null ? null : membership.orgId().value();
        entity.joinedAt = micros(membership.joinedAt());
        entity.invitedBy = membership.invitedBy() == null ? null : membership.invitedBy().value();
        copy(membership, entity);
        return entity;
    }

    static void copy(Membership membership, GroupMemberJpaEntity entity) {
        entity.role = lower(membership.role());
        entity.status = lower(membership.status());
        entity.validFrom = micros(membership.validFrom());
        entity.validUntil = micros(membership.validUntil());
        entity.permissions = membership.permissions().stream().sorted().map(ColumnValues::lower)
                .toArray(String[]::new);
        NotificationOverride override = membership.notificationOverride();
        entity.notificationOverride = override == null ? null
                : JsonColumns.write(new OverrideDocument(override.enabled(), override.types()));
    }

    static Membership toDomain(GroupMemberJpaEntity entity) {
        Set<GroupPermission> permissions = EnumSet.noneOf(GroupPermission.class);
        if (entity.permissions != null) {
            Arrays.stream(entity.permissions).map(p -> enumOf(GroupPermission.class, p)).forEach(permissions::add);
        }
        OverrideDocument override = JsonColumns.read(entity.notificationOverride, OverrideDocument.class);
        return Membership.restore(new GroupId(entity.groupId), entity.orgId == null ? null : new OrgId(entity.orgId),
                new UserId(entity.userId), enumOf(GroupRole.class, entity.role),
                enumOf(MembershipStatus.class, entity.status), entity.joinedAt,
                entity.invitedBy == null ? null : new UserId(entity.invitedBy), entity.validFrom, entity.validUntil,
                permissions, override == null ? null : new NotificationOverride(override.enabled(), override.types()));
    }
}
