package circles.bootstrap.wiring;

import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.AuditService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reading the audit log. */
@ApplicationScoped
public class AuditWiring {

    @Produces
    @Singleton
    AuditService auditService(UnitOfWork tx, Access access, AuditLog audit) {
        return new AuditService(tx, access, audit);
    }
}
