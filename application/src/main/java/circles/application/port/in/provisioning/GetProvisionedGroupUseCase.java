package circles.application.port.in.provisioning;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;

/** A static group of the org; any other group (dynamic, standalone, of another org) does not exist here. */
public interface GetProvisionedGroupUseCase {
    ProvisionedGroup get(OrgId orgId, GroupId groupId);
}
