package circles.application.port.out;

import circles.application.port.in.GetDataQualityUseCase.Finding;
import circles.application.port.in.GetDataQualityUseCase.Sample;
import circles.domain.org.OrgId;

/** Finds data-quality problems in an org's directory, set-based. */
public interface DataQualityReader {
    /** Members concerned by the finding (departments, for {@link Finding#EMPTY_DEPARTMENT}). */
    long count(OrgId orgId, Finding finding);

    /** One page of samples, in the order of their ids. */
    Page<Sample> samples(OrgId orgId, Finding finding, PageRequest page);
}
