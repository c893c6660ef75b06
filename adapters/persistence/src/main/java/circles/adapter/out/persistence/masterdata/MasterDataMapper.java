package circles.adapter.out.persistence.masterdata;

import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;
import static circles.adapter.out.persistence.sql.ColumnValues.micros;

final class MasterDataMapper {
    private MasterDataMapper() {
    }

    static MasterDataJpaEntity newEntity(MasterDataNode node) {
        MasterDataJpaEntity entity = new MasterDataJpaEntity();
        entity.orgId = node.orgId().value();
        entity.kind = lower(node.kind());
        entity.key = node.key().value();
        entity.createdAt = micros(node.createdAt());
        copy(node, entity);
        return entity;
    }

    static void copy(MasterDataNode node, MasterDataJpaEntity entity) {
        entity.name = node.name();
        entity.parentKey = node.parentKey() == null ? null : node.parentKey().value();
        entity.path = node.path();
        entity.managerId = node.managerId() == null ? null : node.managerId().value();
        entity.updatedAt = micros(node.updatedAt());
    }

    static MasterDataNode toDomain(MasterDataJpaEntity entity) {
        return MasterDataNode.restore(new OrgId(entity.orgId), enumOf(MasterDataKind.class, entity.kind),
                new MasterDataKey(entity.key), entity.name,
                entity.parentKey == null ? null : new MasterDataKey(entity.parentKey), entity.path,
                entity.managerId == null ? null : new UserId(entity.managerId), entity.version, entity.createdAt,
                entity.updatedAt);
    }

    static MasterDataJpaEntity.Key key(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        return new MasterDataJpaEntity.Key(orgId.value(), lower(kind), key.value());
    }
}
