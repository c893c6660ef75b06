package circles.adapter.out.persistence.org;

import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.Slug;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

final class OrgMapper {
    private OrgMapper() {
    }

    static OrgJpaEntity newEntity(Organization org) {
        OrgJpaEntity entity = new OrgJpaEntity();
        entity.id = org.id().value();
        entity.createdAt = micros(org.createdAt());
        copy(org, entity);
        return entity;
    }

    /** The attributes an update may change. */
    static void copy(Organization org, OrgJpaEntity entity) {
        entity.name = org.name();
        entity.slug = org.slug().value();
        entity.updatedAt = micros(org.updatedAt());
    }

    static Organization toDomain(OrgJpaEntity entity) {
        return Organization.restore(new OrgId(entity.id), entity.name, new Slug(entity.slug), entity.version,
                entity.createdAt, entity.updatedAt);
    }
}
