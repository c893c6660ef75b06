package circles.application.service.audit;

import circles.application.port.in.audit.ListAuditEventsUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.domain.audit.AuditEvent;

public final class AuditService implements ListAuditEventsUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final AuditLog auditLog;

    public AuditService(UnitOfWork tx, Access access, AuditLog auditLog) {
        this.tx = tx;
        this.access = access;
        this.auditLog = auditLog;
    }

    @Override
    public Page<AuditEvent> list(AuditLog.Query query, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(query.orgId());
            return auditLog.list(query, page);
        });
    }
}
