package circles.application.port.in.provisioning;

import circles.application.port.out.provisioning.ProvisionedGroupRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

/** The direct members of a provisioned group, page by page in userId order. */
public interface ListProvisionedGroupMembersUseCase {
    Page<ProvisionedGroupRepository.MemberRef> members(OrgId orgId, GroupId groupId, PageRequest page);
}
