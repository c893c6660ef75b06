package circles.application.port.in;

import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;

/** The static groups of an org, page by page in id order. */
public interface ListProvisionedGroupsUseCase {
    Page<ProvisionedGroup> list(OrgId orgId, PageRequest page);
}
