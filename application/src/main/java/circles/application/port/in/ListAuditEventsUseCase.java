package circles.application.port.in;

import circles.application.port.out.AuditLog;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.audit.AuditEvent;

public interface ListAuditEventsUseCase {
    Page<AuditEvent> list(AuditLog.Query query, PageRequest page);
}
