package circles.adapter.out.persistence.group;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class GroupPanacheRepository implements PanacheRepositoryBase<GroupJpaEntity, UUID> {
}
