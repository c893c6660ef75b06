package circles.adapter.out.persistence.webhook;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.webhook.WebhookRelayPositions;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The relay positions in {@code webhook_relay_positions} (V22); a relay locks its org's row while it works. */
@ApplicationScoped
public class WebhookRelayPositionsAdapter implements WebhookRelayPositions {
    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    WebhookRelayPositionsAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public void startIfAbsent(OrgId orgId, PublicEventLog.FeedPosition position) {
        scope.enter(orgId);
        JdbcWork.call(em, connection -> JdbcWork.update(connection, "insert into webhook_relay_positions"
                        + " (org_id, position_tx, position_seq, position_at) values (?, ?, ?, ?)"
                        + " on conflict (org_id) do nothing",
                orgId.value(), position.tx(), position.seq(), position.at()));
    }

    @Override
    public List<OrgId> orgsToRelay() {
        return scope.acrossOrgs(() -> JdbcWork.call(em, connection -> JdbcWork.rows(connection,
                "select p.org_id from webhook_relay_positions p where exists (select 1 from webhooks w"
                        + " where w.org_id = p.org_id and w.enabled) order by p.org_id"))
                .stream().map(row -> new OrgId((UUID) row[0])).toList());
    }

    @Override
    public Optional<PublicEventLog.FeedPosition> lock(OrgId orgId) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> JdbcWork.rows(connection, "select position_tx, position_seq,"
                        + " position_at from webhook_relay_positions where org_id = ? for update skip locked",
                orgId.value())).stream().findFirst().map(row -> new PublicEventLog.FeedPosition(
                ((Number) row[0]).longValue(), ((Number) row[1]).longValue(), JdbcWork.instant(row[2])));
    }

    @Override
    public void save(OrgId orgId, PublicEventLog.FeedPosition position) {
        scope.enter(orgId);
        JdbcWork.call(em, connection -> JdbcWork.update(connection, "update webhook_relay_positions set"
                        + " position_tx = ?, position_seq = ?, position_at = ? where org_id = ?",
                position.tx(), position.seq(), position.at(), orgId.value()));
    }
}
