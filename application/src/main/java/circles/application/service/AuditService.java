package circles.application.service;

import circles.application.port.in.ListAuditEventsUseCase;
import circles.application.port.out.AuditLog;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.application.port.out.UnitOfWork;
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
