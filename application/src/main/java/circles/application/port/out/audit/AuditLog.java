package circles.application.port.out.audit;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.audit.AuditEvent;
import circles.domain.org.OrgId;

import java.time.Instant;

public interface AuditLog {
    /** Records the event in the current transaction, so it exists if and only if the change does. */
    void record(AuditEvent event);

    record Query(OrgId orgId, String targetId, String actorId, String action, Instant from, Instant to) {
    }

    Page<AuditEvent> list(Query query, PageRequest page);
}
