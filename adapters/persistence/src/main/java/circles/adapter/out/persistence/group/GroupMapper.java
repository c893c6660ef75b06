package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.sql.JsonColumns;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupSettings;
import circles.domain.group.GroupStatus;
import circles.domain.group.GroupType;
import circles.domain.group.NotificationDefaults;
import circles.domain.group.Visibility;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;
import circles.domain.shared.Slug;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;
import static circles.adapter.out.persistence.sql.ColumnValues.micros;

public final class GroupMapper {
    /** The stored shape of {@code settings}: explicit, so that renaming a domain field does not move data. */
    @RegisterForReflection
    record SettingsDocument(boolean allowMemberInvites, boolean requireApproval, boolean autoAddNewOrgMembers,
                            NotificationsDocument notificationDefaults) {
    }

    @RegisterForReflection
    record NotificationsDocument(boolean enabled, List<String> types) {
    }

    private GroupMapper() {
    }

    static GroupJpaEntity newEntity(Group group) {
        GroupJpaEntity entity = new GroupJpaEntity();
        entity.id = group.id().value();
        entity.orgId = group.orgIdOrNull() == null ? null : group.orgIdOrNull().value();
        entity.kind = lower(group.kind());
        entity.ownerId = group.ownerId() == null ? null : group.ownerId().value();
        entity.preset = lower(group.preset());
        entity.createdAt = micros(group.createdAt());
        copy(group, entity);
        return entity;
    }

    /** The attributes an update may change. */
    static void copy(Group group, GroupJpaEntity entity) {
        GroupDescription description = group.description();
        entity.name = description.name();
        entity.description = description.description();
        entity.email = description.email();
        entity.icon = description.icon();
        entity.color = description.color();
        entity.slug = group.slug().value();
        entity.type = lower(group.type());
        entity.parentId = group.parentId() == null ? null : group.parentId().value();
        entity.visibility = lower(group.visibility());
        entity.reviewerId = group.reviewerId() == null ? null : group.reviewerId().value();
        entity.settings = JsonColumns.write(settingsDocument(group.settings()));
        entity.metadata = JsonColumns.write(group.metadata());
        entity.status = lower(group.status());
        entity.expiresAt = micros(group.expiresAt());
        entity.updatedAt = micros(group.updatedAt());
    }

    public static Group toDomain(GroupJpaEntity entity) {
        return Group.restore(new GroupId(entity.id), entity.orgId == null ? null : new OrgId(entity.orgId),
                new GroupDescription(entity.name, entity.description, entity.email, entity.icon, entity.color),
                new Slug(entity.slug), enumOf(GroupType.class, entity.type), enumOf(GroupKind.class, entity.kind),
                entity.parentId == null ? null : new GroupId(entity.parentId),
                enumOf(Visibility.class, entity.visibility),
                entity.ownerId == null ? null : new UserId(entity.ownerId),
                entity.reviewerId == null ? null : new UserId(entity.reviewerId),
                settings(JsonColumns.read(entity.settings, SettingsDocument.class)),
                JsonColumns.readObject(entity.metadata), enumOf(GroupStatus.class, entity.status),
                entity.expiresAt, enumOf(GroupPreset.class, entity.preset), entity.version, entity.createdAt,
                entity.updatedAt);
    }

    private static SettingsDocument settingsDocument(GroupSettings settings) {
        NotificationDefaults defaults = settings.notificationDefaults();
        return new SettingsDocument(settings.allowMemberInvites(), settings.requireApproval(),
                settings.autoAddNewOrgMembers(), new NotificationsDocument(defaults.enabled(), defaults.types()));
    }

    private static GroupSettings settings(SettingsDocument document) {
        if (document == null) {
            return GroupSettings.DEFAULTS;
        }
        NotificationsDocument notifications = document.notificationDefaults();
        return new GroupSettings(document.allowMemberInvites(), document.requireApproval(),
                document.autoAddNewOrgMembers(), notifications == null ? NotificationDefaults.ON
                        : new NotificationDefaults(notifications.enabled(), notifications.types()));
    }
}
