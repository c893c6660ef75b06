package circles.adapter.out.persistence.member;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OrgMemberPanacheRepository implements PanacheRepositoryBase<OrgMemberJpaEntity, OrgMemberJpaEntity.Key> {
}
