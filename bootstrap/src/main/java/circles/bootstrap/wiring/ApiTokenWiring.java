package circles.bootstrap.wiring;

import circles.application.port.out.apitoken.ApiTokenRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.apitoken.ApiTokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Org API tokens: issuing, listing and revoking them, authenticating the requests that present one. */
@ApplicationScoped
public class ApiTokenWiring {

    @Produces
    @Singleton
    ApiTokenService apiTokenService(UnitOfWork tx, Access access, ApiTokenRepository tokens, AuditLog audit,
                                    Clock clock) {
        return new ApiTokenService(tx, access, tokens, audit, clock);
    }
}
