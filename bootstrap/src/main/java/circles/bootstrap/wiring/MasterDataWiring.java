package circles.bootstrap.wiring;

import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.masterdata.MasterDataService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The master data kept for each member. */
@ApplicationScoped
public class MasterDataWiring {

    @Produces
    @Singleton
    MasterDataService masterDataService(UnitOfWork tx, Access access, MasterDataRepository masterData,
                                        OrgMemberRepository orgMembers, DirectoryEvents events, AuditLog audit,
                                        Clock clock) {
        return new MasterDataService(tx, access, masterData, orgMembers, events, audit, clock);
    }
}
