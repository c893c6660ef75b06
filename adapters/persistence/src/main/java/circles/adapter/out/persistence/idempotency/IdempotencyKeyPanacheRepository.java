package circles.adapter.out.persistence.idempotency;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class IdempotencyKeyPanacheRepository implements PanacheRepositoryBase<IdempotencyKeyJpaEntity, IdempotencyKeyJpaEntity.Key> {
}
