package circles.adapter.out.persistence.masterdata;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class MasterDataPanacheRepository implements PanacheRepositoryBase<MasterDataJpaEntity, MasterDataJpaEntity.Key> {
}
