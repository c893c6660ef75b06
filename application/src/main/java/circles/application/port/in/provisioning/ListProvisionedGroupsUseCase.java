package circles.application.port.in.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;

/** The static groups of an org, page by page in id order. */
public interface ListProvisionedGroupsUseCase {
    Page<ProvisionedGroup> list(OrgId orgId, PageRequest page);
}
