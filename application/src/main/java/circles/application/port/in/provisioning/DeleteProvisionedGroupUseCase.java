package circles.application.port.in.provisioning;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

/** Deletes a provisioned group with its memberships; a group with subgroups is a conflict. */
public interface DeleteProvisionedGroupUseCase {
    void delete(OrgId orgId, GroupId groupId);
}
