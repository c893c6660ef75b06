package circles.application.port.in.audit;

import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.audit.AuditEvent;

public interface ListAuditEventsUseCase {
    Page<AuditEvent> list(AuditLog.Query query, PageRequest page);
}
