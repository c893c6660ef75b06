package circles.application.port.in;

import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.application.port.out.ProvisionedGroupRepository;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

/** The direct members of a provisioned group, page by page in userId order. */
public interface ListProvisionedGroupMembersUseCase {
    Page<ProvisionedGroupRepository.MemberRef> members(OrgId orgId, GroupId groupId, PageRequest page);
}
