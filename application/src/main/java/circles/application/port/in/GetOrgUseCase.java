package circles.application.port.in;

import circles.domain.org.OrgId;

public interface GetOrgUseCase {
    OrgView get(OrgId orgId);
}
