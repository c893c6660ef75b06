package circles.application.port.in.org;

import circles.domain.org.OrgId;

public interface GetOrgUseCase {
    OrgView get(OrgId orgId);
}
