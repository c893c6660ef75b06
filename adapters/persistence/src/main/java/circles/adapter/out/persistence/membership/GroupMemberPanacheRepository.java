package circles.adapter.out.persistence.membership;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class GroupMemberPanacheRepository implements PanacheRepositoryBase<GroupMemberJpaEntity, GroupMemberJpaEntity.Key> {
}
