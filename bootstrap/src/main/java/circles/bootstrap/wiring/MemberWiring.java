package circles.bootstrap.wiring;

import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.DataQualityReader;
import circles.application.port.out.member.MemberImportStore;
import circles.application.port.out.member.OrgChartReader;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.member.DataQualityService;
import circles.application.service.member.MemberImportService;
import circles.application.service.member.OrgChartService;
import circles.application.service.member.OrgMemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/** The members of an org: the directory, the import, the org chart and the data-quality report. */
@ApplicationScoped
public class MemberWiring {

    @Produces
    @Singleton
    OrgMemberService orgMemberService(UnitOfWork tx, Access access, OrgMemberRepository orgMembers,
                                      UserRepository users, GroupRepository groups, MembershipRepository memberships,
                                      ReportingLines reportingLines, DirectoryEvents events, AuditLog audit,
                                      Clock clock) {
        return new OrgMemberService(tx, access, orgMembers, users, groups, memberships, reportingLines, events, audit,
                clock);
    }

    @Produces
    @Singleton
    MemberImportService memberImportService(UnitOfWork tx, Access access, MemberImportStore store,
                                            OrgMemberRepository orgMembers, GroupRepository groups,
                                            ReportingLines reportingLines, DirectoryEvents events, AuditLog audit,
                                            Clock clock,
                                            @ConfigProperty(name = "circles.import.transaction-timeout",
                                                    defaultValue = "10m") Duration transactionTimeout,
                                            @ConfigProperty(name = "circles.import.max-rows",
                                                    defaultValue = "2000000") int maxRows) {
        return new MemberImportService(tx, access, store, orgMembers, groups, reportingLines, events, audit, clock,
                transactionTimeout, maxRows);
    }

    @Produces
    @Singleton
    OrgChartService orgChartService(UnitOfWork tx, Access access, OrgChartReader reader) {
        return new OrgChartService(tx, access, reader);
    }

    @Produces
    @Singleton
    DataQualityService dataQualityService(UnitOfWork tx, Access access, DataQualityReader reader) {
        return new DataQualityService(tx, access, reader);
    }
}
