package circles.application.service.audit;

import circles.application.port.out.audit.AuditLog;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.org.OrgId;

import java.time.Clock;
import java.util.Map;

/** Writes the audit trail of the use cases, inside their transaction. */
public final class Audit {
    private final AuditLog log;
    private final Clock clock;

    public Audit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public void record(Actor actor, OrgId orgId, String action, String targetType, Object targetId,
                Map<String, Object> summary) {
        log.record(event(actor, orgId, action, targetType, targetId, summary));
    }

    /** The event {@link #record} would write, for a caller that writes it itself (a batched create). */
    public AuditEvent event(Actor actor, OrgId orgId, String action, String targetType, Object targetId,
                            Map<String, Object> summary) {
        UserId actorId = actor == Actor.SYSTEM ? null : actor.userId();
        return AuditEvent.of(orgId, actorId, action, targetType, targetId, clock.instant(), summary);
    }
}
