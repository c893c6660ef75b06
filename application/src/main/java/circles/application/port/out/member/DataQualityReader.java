package circles.application.port.out.member;

import circles.application.port.in.member.GetDataQualityUseCase.Finding;
import circles.application.port.in.member.GetDataQualityUseCase.Sample;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;

/** Finds data-quality problems in an org's directory, set-based. */
public interface DataQualityReader {
    /** Members concerned by the finding (departments, for {@link Finding#EMPTY_DEPARTMENT}). */
    long count(OrgId orgId, Finding finding);

    /** One page of samples, in the order of their ids. */
    Page<Sample> samples(OrgId orgId, Finding finding, PageRequest page);
}
