package circles.adapter.out.persistence.assignment;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
class AssignmentPanacheRepository implements PanacheRepositoryBase<AssignmentJpaEntity, UUID> {
}
