package circles.application.service;

import circles.application.port.out.AuditLog;
import circles.domain.actor.Actor;
import circles.domain.audit.AuditEvent;
import circles.domain.org.OrgId;

import java.time.Clock;
import java.util.Map;

/** Writes the audit trail of the use cases, inside their transaction. */
final class Audit {
    private final AuditLog log;
    private final Clock clock;

    Audit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void record(Actor actor, OrgId orgId, String action, String targetType, Object targetId,
                Map<String, Object> summary) {
        log.record(AuditEvent.of(orgId, actor.userId(), action, targetType, targetId, clock.instant(), summary));
    }
}
