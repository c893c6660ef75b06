package circles.adapter.out.persistence.webhook;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
class WebhookPanacheRepository implements PanacheRepositoryBase<WebhookJpaEntity, UUID> {
}
