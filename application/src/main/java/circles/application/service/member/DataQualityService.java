package circles.application.service.member;

import circles.application.port.in.member.GetDataQualityUseCase;
import circles.application.port.out.member.DataQualityReader;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;

import java.util.Arrays;
import java.util.List;

/** The data-quality report; for org admins and it_admins, as the rest of directory administration. */
public final class DataQualityService implements GetDataQualityUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final DataQualityReader reader;

    public DataQualityService(UnitOfWork tx, Access access, DataQualityReader reader) {
        this.tx = tx;
        this.access = access;
        this.reader = reader;
    }

    @Override
    public DataQualityReport report(Query query) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(query.orgId());
            List<Finding> findings = query.finding() == null ? Arrays.asList(Finding.values())
                    : List.of(query.finding());
            return new DataQualityReport(findings.stream().map(finding -> {
                Page<Sample> samples = reader.samples(query.orgId(), finding, query.page());
                return new FindingReport(finding, reader.count(query.orgId(), finding), samples.items(),
                        samples.nextCursor());
            }).toList());
        });
    }
}
