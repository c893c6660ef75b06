package circles.adapter.out.persistence.provisioning;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
class ScimTokenPanacheRepository implements PanacheRepositoryBase<ScimTokenJpaEntity, UUID> {
}
