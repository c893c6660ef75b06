package circles.adapter.out.persistence.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
class AuditEventPanacheRepository implements PanacheRepositoryBase<AuditEventJpaEntity, UUID> {
}
