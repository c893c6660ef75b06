package circles.adapter.out.persistence.actor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class UserPanacheRepository implements PanacheRepositoryBase<UserJpaEntity, String> {
}
