package circles.adapter.out.persistence.org;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
class OrgPanacheRepository implements PanacheRepositoryBase<OrgJpaEntity, UUID> {
}
