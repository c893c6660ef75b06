package circles.adapter.out.persistence.apitoken;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
class ApiTokenPanacheRepository implements PanacheRepositoryBase<ApiTokenJpaEntity, UUID> {
}
