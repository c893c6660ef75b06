package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.JsonColumns;
import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;
import static circles.adapter.out.persistence.sql.ColumnValues.micros;

public final class OrgMemberMapper {
    private OrgMemberMapper() {
    }

    static OrgMemberJpaEntity newEntity(OrgMember member) {
        OrgMemberJpaEntity entity = new OrgMemberJpaEntity();
        entity.orgId = member.orgId().value();
        entity.userId = member.userId().value();
        entity.joinedAt = micros(member.joinedAt());
        copy(member, entity);
        return entity;
    }

    static void copy(OrgMember member, OrgMemberJpaEntity entity) {
        entity.role = lower(member.role());
        entity.status = lower(member.status());
        MemberProfile profile = member.profile() == null ? MemberProfile.EMPTY : member.profile();
        entity.email = profile.email();
        entity.displayName = profile.displayName();
        entity.department = profile.department();
        entity.location = profile.location();
        entity.jobTitle = profile.jobTitle();
        entity.managerId = profile.managerId() == null ? null : profile.managerId().value();
        entity.orgUnitPath = profile.orgUnitPath();
        entity.employeeType = profile.employeeType();
        entity.costCenter = profile.costCenter();
        entity.userType = profile.userType();
        entity.customAttributes = JsonColumns.write(profile.customAttributes());
        entity.lastLoginAt = micros(profile.lastLoginAt());
        entity.updatedAt = micros(member.updatedAt());
    }

    public static OrgMember toDomain(OrgMemberJpaEntity entity) {
        MemberProfile profile = new MemberProfile(entity.email, entity.displayName, entity.department,
                entity.location, entity.jobTitle, entity.managerId == null ? null : new UserId(entity.managerId),
                entity.orgUnitPath, entity.employeeType, entity.costCenter, entity.userType,
                JsonColumns.readStrings(entity.customAttributes), entity.lastLoginAt);
        return OrgMember.restore(new OrgId(entity.orgId), new UserId(entity.userId),
                enumOf(OrgRole.class, entity.role), enumOf(MemberStatus.class, entity.status), profile,
                entity.joinedAt, entity.version, entity.updatedAt);
    }
}
